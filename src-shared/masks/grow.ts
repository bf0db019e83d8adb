// Runs in: every process (pure). Exact Euclidean grow / shrink: a disc grows by exactly px, no square or
// diamond artefacts. "Is any source within r" needs no full distance transform: on the column distances
// g of distance.ts, a source q covers [q − ⌊√(r² − g²)⌋, q + ⌊√(r² − g²)⌋] of its row, and the union of
// those intervals is found by one sweep each way along the row. Linear time whatever px is, and only the
// selection's box plus px is visited. Pixels outside the image are not sources: shrinking never eats in
// from the image border (a selection running off the image is assumed to continue).
import { type Mask, type Rect, SELECTED, bbox, createMask } from './mask';
import { columns } from './distance';

/** Writes `value` into out (inside rect) wherever a source lies within Euclidean distance `radius`. */
function markWithin(mask: Mask, sourceSelected: boolean, radius: number, r: Rect, out: Mask, value: number): void {
  radius = Math.min(radius, 65534); // g is 16-bit; wider than any mask this app makes
  const reach = Math.floor(radius),
    cap = reach + 1;
  const half = new Int32Array(cap + 1).fill(-1); // half-width of the covered interval for a given g
  for (let d = 0; d <= reach; d++) half[d] = Math.floor(Math.sqrt(radius * radius - d * d) + 1e-9);
  const o = out.data,
    n = r.width;
  columns(mask, sourceSelected, cap, r, (g, row, y, min) => {
    if (min >= cap) return; // no source within reach of this row
    const dst = (r.y + y) * out.width + r.x;
    let right = -1; // furthest x covered by a source at or left of x
    for (let x = 0; x < n; x++) {
      const reachX = x + half[g[row + x]!]!;
      if (reachX > right) right = reachX;
      if (x <= right) o[dst + x] = value;
    }
    let left = n; // nearest x covered by a source at or right of x
    for (let x = n - 1; x >= 0; x--) {
      const hw = half[g[row + x]!]!;
      if (hw >= 0 && x - hw < left) left = x - hw;
      if (x >= left) o[dst + x] = value;
    }
  });
}

function expand(r: Rect, by: number, w: number, h: number): Rect {
  const x = Math.max(0, r.x - by),
    y = Math.max(0, r.y - by);
  return { x, y, width: Math.min(w, r.x + r.width + by) - x, height: Math.min(h, r.y + r.height + by) - y };
}

/**
 * Selects every pixel within `px` (Euclidean, between pixel centres) of a selected pixel, so a dot grows
 * into a disc of radius px. Negative px shrinks. The result is hard (0 or 255).
 */
export function grow(mask: Mask, px: number): Mask {
  if (Number.isNaN(px)) throw new RangeError('grow: px is NaN');
  if (px < 0) return shrink(mask, -px);
  const out = createMask(mask.width, mask.height);
  const box = bbox(mask);
  if (!box) return out;
  // Nothing further than px from the selection's box can be reached: work inside box + px only.
  markWithin(mask, true, px, expand(box, Math.ceil(px), mask.width, mask.height), out, 255);
  return out;
}

/** Keeps selected pixels further than `px` from every unselected pixel. Negative px grows. Hard result. */
export function shrink(mask: Mask, px: number): Mask {
  if (Number.isNaN(px)) throw new RangeError('shrink: px is NaN');
  if (px < 0) return grow(mask, -px);
  const out = createMask(mask.width, mask.height);
  const box = bbox(mask);
  if (!box) return out;
  // A one-pixel margin around the box holds the nearest unselected pixel for everything inside it.
  const r = expand(box, 1, mask.width, mask.height);
  const o = out.data,
    d = mask.data,
    t = SELECTED;
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let i = y * mask.width + r.x, end = i + r.width; i < end; i++) o[i] = d[i]! >= t ? 255 : 0;
  }
  markWithin(mask, false, px, r, out, 0);
  return out;
}
