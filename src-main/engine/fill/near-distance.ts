// Runs in: engine process and the fill worker thread (pure). Distance transforms limited to the box that
// holds every pixel they are asked about: a fill's crop is several times its hole's box, and transforming
// the whole crop (at every pyramid level) cost more than the search itself did at full resolution.
import { distanceSquared } from '../../../src-shared/masks';
import type { Rect } from './types';

/** Bounding box of the nonzero pixels of a w × h grid, grown by m and clamped (null when none). */
export function boxOf(bits: Uint8Array, w: number, h: number, m = 0): Rect | null {
  let x0 = w,
    y0 = h,
    x1 = -1,
    y1 = -1;
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      if (!bits[i]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  if (x1 < 0) return null;
  const x = Math.max(0, x0 - m),
    y = Math.max(0, y0 - m);
  return { x, y, width: Math.min(w, x1 + 1 + m) - x, height: Math.min(h, y1 + 1 + m) - y };
}

/**
 * Squared distance from each pixel to the nearest pixel with bits[i] === 1 (toSet) or === 0 (!toSet),
 * computed inside r only; Infinity outside r. Exact inside r when every set pixel lies in r (toSet), or,
 * for !toSet, when r is the set pixels' box grown by one: its rim is unset and nearer than anything beyond.
 */
export function distanceInside(bits: Uint8Array, w: number, h: number, r: Rect, toSet: boolean): Float32Array {
  const sub = new Uint8Array(r.width * r.height);
  for (let y = 0; y < r.height; y++) {
    for (let x = 0, i = (r.y + y) * w + r.x, o = y * r.width; x < r.width; x++, i++, o++) sub[o] = bits[i] ? 255 : 0;
  }
  const d2 = distanceSquared({ width: r.width, height: r.height, data: sub }, toSet);
  const out = new Float32Array(w * h).fill(Infinity);
  for (let y = 0; y < r.height; y++) out.set(d2.subarray(y * r.width, (y + 1) * r.width), (r.y + y) * w + r.x);
  return out;
}
