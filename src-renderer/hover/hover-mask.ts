// Runs in: renderer. A hover answer → what the canvas draws: the chosen candidate's mask at preview size,
// coloured white (the view draws it faint, so it cannot be mistaken for a committed selection). The mask
// is shared (sam-masks.ts): a click where the pointer rested commits these logits and finds it made.
import type { AssetId } from '../../src-shared/document/ids';
import { decodeLogitsNow, maskBoundsCanvas, previewSize, sharedSamMask } from '../selection/api';
import { chosenWithLogits } from '../core/bridge/chosen-candidate';
import type { SegmentRunResult } from '../core/bridge/segment-types';
import { spareCanvas } from '../core/viewport/overlay-canvases';
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
  const drawn = maskBoundsCanvas(sharedSamMask(logits, p, width, height), HOVER_COLOUR, (canvases[turn] ??= spareCanvas()));
  if (!drawn) return null;
  return { assetId, logits, placement: p, canvas: drawn.canvas, rect: drawn.rect, scale: width / p.width };
}
