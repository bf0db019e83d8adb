// Runs in: renderer. The mounted canvas's Konva nodes, for code outside React (test hook, pixel sampling).
import type Konva from 'konva';

export const stageRefs: { stage: Konva.Stage | null; imageLayer: Konva.Layer | null; container: HTMLDivElement | null } = {
  stage: null,
  imageLayer: null,
  container: null,
};
