// Runs in: renderer (pure). Preview cache keys, preview sizes and mask ops replayed at preview scale.
import type { MaskOp } from '../../src-shared/document/selection';
import { feather, fillHoles, grow, invert, removeIslands, shrink, smooth, type Mask } from '../../src-shared/masks';

/** Cache key of one preview of one layer version: size and the ops replayed. */
export function previewKey(width: number, height: number, ops: readonly MaskOp[] | undefined): string {
  return `${width}x${height}|${ops ? JSON.stringify(ops) : '-'}`;
}

/** Replays ops on a mask at `scale` preview pixels per image pixel. */
export function applyOps(mask: Mask, ops: readonly MaskOp[], scale: number): Mask {
  let m = mask;
  for (const op of ops) {
    switch (op.kind) {
      case 'fillHoles':
        m = fillHoles(m);
        break;
      case 'removeIslands':
        m = removeIslands(m, Math.max(1, Math.round(op.minArea * scale * scale)));
        break;
      case 'grow':
        m = op.px >= 0 ? grow(m, op.px * scale) : shrink(m, -op.px * scale);
        break;
      case 'feather':
        m = feather(m, op.radius * scale);
        break;
      case 'smooth':
        m = smooth(m, op.radius * scale);
        break;
      case 'invert':
        m = invert(m);
        break;
    }
  }
  return m;
}

/** The preview size for an image: its own size, the long side capped at `max`. */
export function previewSize(width: number, height: number, max = 1536): { width: number; height: number } {
  const s = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}
