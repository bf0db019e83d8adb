// Runs in: CLI and tests (Node). The eraser stand-in packs: MI-GAN's ONNX pipeline under the catalog id, so
// Remove picks it exactly as it would pick the real download (see migan-pipeline.ts for the behaviour).
import type { StandinPack } from '../write-pack';
import { miganPipelineStandin, RING_RADIUS } from './migan-pipeline';

export function eraserStandinPacks(): StandinPack[] {
  return [
    {
      packId: 'migan-512',
      family: 'eraser',
      layout: 'migan-pipeline',
      roles: { model: 'migan_pipeline_v2.onnx' },
      files: { 'migan_pipeline_v2.onnx': miganPipelineStandin() },
      behaviour: `Fills every hole pixel (mask 0; 255 = known) with the mean colour of the known pixels within ${RING_RADIUS} px of the hole; the rest comes back unchanged.`,
    },
  ];
}
