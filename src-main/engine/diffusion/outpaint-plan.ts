// Runs in: engine process (pure). Outpaint planning: how much to add per side (given, or to reach an aspect
// ratio), the grown canvas and where the original sits in it, and the windows the model repaints in turn:
// each a crop the model can take at once, overlapping its neighbours, straddling the original's edge so
// the model sees real context, together covering every new pixel.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { Rect } from '../../../src-shared/masks';
import type { Extension } from '../../../src-shared/outpaint/extension';

// The per-side extension lives in src-shared (the renderer previews it); re-exported for engine callers.
export { extensionForAspect, type Extension } from '../../../src-shared/outpaint/extension';

export interface OutpaintPlan {
  canvas: { width: number; height: number };
  /** The original's top-left corner in the canvas. */
  offset: { x: number; y: number };
  windows: Rect[];
}

/** Window side: three times the widest extension (a third new, the rest context), 128 px at least. */
export function windowSide(ext: Extension): number {
  return Math.max(128, 3 * Math.max(ext.left, ext.right, ext.top, ext.bottom));
}

export function planOutpaint(width: number, height: number, ext: Extension): OutpaintPlan {
  const values = [ext.left, ext.right, ext.top, ext.bottom];
  if (values.some((v) => !Number.isInteger(v) || v < 0))
    throw new AnyfillError('BAD_REQUEST', 'Extensions must be whole numbers of pixels, 0 or more.');
  if (values.every((v) => v === 0))
    throw new AnyfillError(
      'BAD_REQUEST',
      'Nothing to extend: give at least one side a number of pixels (or an aspect ratio that differs from the image).',
    );
  const canvas = { width: width + ext.left + ext.right, height: height + ext.top + ext.bottom };
  const offset = { x: ext.left, y: ext.top };
  const side = windowSide(ext);
  const [tw, th] = [Math.min(side, canvas.width), Math.min(side, canvas.height)];
  const starts = (total: number, t: number) => {
    const step = Math.max(1, Math.round(t * 0.75));
    const out: number[] = [];
    for (let v = 0; v < total - t; v += step) out.push(v);
    out.push(total - t);
    return out;
  };
  const inOriginal = (x: number, y: number) => x >= offset.x && x < offset.x + width && y >= offset.y && y < offset.y + height;
  // Greedy: keep a grid window when it holds a new pixel no kept window covers yet.
  const covered = new Uint8Array(canvas.width * canvas.height);
  const windows: Rect[] = [];
  for (const y0 of starts(canvas.height, th))
    for (const x0 of starts(canvas.width, tw)) {
      let fresh = false;
      for (let y = y0; y < y0 + th && !fresh; y++)
        for (let x = x0; x < x0 + tw && !fresh; x++) fresh = !inOriginal(x, y) && !covered[y * canvas.width + x];
      if (!fresh) continue;
      windows.push({ x: x0, y: y0, width: tw, height: th });
      for (let y = y0; y < y0 + th; y++) covered.fill(1, y * canvas.width + x0, y * canvas.width + x0 + tw);
    }
  return { canvas, offset, windows };
}

/** Distance in pixels from (x, y) to the original's rectangle (0 inside it). */
export function distanceToOriginal(x: number, y: number, plan: OutpaintPlan, width: number, height: number): number {
  const dx = Math.max(plan.offset.x - x, 0, x - (plan.offset.x + width - 1));
  const dy = Math.max(plan.offset.y - y, 0, y - (plan.offset.y + height - 1));
  return Math.hypot(dx, dy);
}
