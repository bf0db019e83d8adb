// Runs in: engine process (and the CLI); pure. Bounding box and area of a mask in image pixels: exact
// from a full-size mask, or estimated from the low-res logits without building 12 MP (Select Everything's
// instances).
import { boundsAndArea } from '../../../src-shared/masks/scan';
import { lowResToMask } from './low-res-mask';
import type { Box, LowResPlacement } from './types';

/** Bounding box and area of a binary mask; null box when empty. */
export function maskBox(mask: Uint8Array, width: number, height: number): { bbox: Box | null; area: number } {
  const { bounds, area } = boundsAndArea({ width, height, data: mask });
  return { bbox: bounds, area };
}

/** Longest side at which an instance's bbox and area are measured: exact up to this, estimated above. */
export const STATS_SIDE = 512;

/**
 * Bbox and area in image pixels without building a 12 MP mask per instance: measured on the mask at
 * ≤ STATS_SIDE (exact when the image is no larger), then scaled (box edges rounded outwards). Above 512 px the
 * estimate is good to about one measuring step (long side / 512) per edge.
 */
export function maskStats(logits: ArrayLike<number>, p: LowResPlacement): { bbox: Box | null; area: number } {
  const s = Math.min(1, STATS_SIDE / Math.max(p.width, p.height));
  const [w, h] = [Math.max(1, Math.round(p.width * s)), Math.max(1, Math.round(p.height * s))];
  const { bbox, area } = maskBox(lowResToMask(logits, p, w, h), w, h);
  if (s === 1 || !bbox) return { bbox, area };
  const [sx, sy] = [p.width / w, p.height / h];
  const x = Math.floor(bbox.x * sx);
  const y = Math.floor(bbox.y * sy);
  const right = Math.min(p.width, Math.ceil((bbox.x + bbox.width) * sx));
  const bottom = Math.min(p.height, Math.ceil((bbox.y + bbox.height) * sy));
  return { bbox: { x, y, width: right - x, height: bottom - y }, area: Math.round(area * sx * sy) };
}
