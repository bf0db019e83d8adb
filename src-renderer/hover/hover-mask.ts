// Runs in: renderer. A hover answer → what the canvas draws: the chosen candidate's mask at preview size,
// coloured white (the view draws it faint, so it cannot be mistaken for a committed selection).
import type { AssetId } from '../../src-shared/document/ids';
import { lowResToMask } from '../../src-shared/masks';
import { maskBoundsCanvas } from '../selection/colourize';
import { spareCanvas } from '../canvas/overlay-canvases';
import { decodeLogitsNow, previewSize } from '../selection/preview-mask';
import { chosenWithLogits } from '../selection/chosen-candidate';
import type { SegmentRunResult } from '../selection/types';
import type { HoverShown } from './hover-store';

export const HOVER_COLOUR = '#ffffff';

/** Answers take turns on two canvases, kept at their size (overlay-canvases.ts). */
const canvases: HTMLCanvasElement[] = [];
let turn = 0;

export function hoverShown(assetId: AssetId, r: SegmentRunResult): HoverShown | null {
  const logits = decodeLogitsNow(chosenWithLogits(r).logits);
  const p = r.placement;
  const { width, height } = previewSize(p.width, p.height);
  turn ^= 1;
  const drawn = maskBoundsCanvas({ width, height, data: lowResToMask(logits, p, width, height) }, HOVER_COLOUR, (canvases[turn] ??= spareCanvas()));
  if (!drawn) return null;
  return { assetId, logits, placement: p, canvas: drawn.canvas, rect: drawn.rect, scale: width / p.width };
}
