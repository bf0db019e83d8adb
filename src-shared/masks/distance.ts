// Runs in: every process (pure). Exact Euclidean grow / shrink and a Euclidean distance transform.
// Both are separable and linear time. Pass 1 (per column) is the distance in rows to the nearest source
// pixel of the same column, computed by a downward and an upward sweep over whole rows so memory is read
// in order. Pass 2 works along each row: distanceSquared() takes the lower envelope of the parabolas
// (x - q)² + g(q)² (Felzenszwalb & Huttenlocher); grow/shrink only need "is any source within r", which
// on the same g is a union of intervals [q - ⌊√(r² - g²)⌋, q + ⌊√(r² - g²)⌋], found by one sweep each way.
// Pixels outside the image are not sources: shrinking never eats in from the image border.
import { type Mask, type Rect, SELECTED, bbox, createMask } from './mask';

/**
 * Pass 1: g = min(cap, rows to the nearest source in the same column), inside rect r. A downward sweep,
 * then an upward one that hands each finished row to onRow (while it is still in cache) with its minimum.
 */
function columns(mask: Mask, sourceSelected: boolean, cap: number, r: Rect,
  onRow: (g: Uint16Array, row: number, y: number, min: number) => void): void {
  const { width: w, data } = mask, n = r.width;
  const flip = sourceSelected ? 0 : 255, t = SELECTED; // (v ^ 255) = 255 − v; t local: see components.ts
  const g = new Uint16Array(n * r.height);
  for (let y = 0; y < r.height; y++) {
    const src = (r.y + y) * w + r.x, row = y * n, above = row - n;
    if (y === 0) for (let x = 0; x < n; x++) g[x] = (data[src + x]! ^ flip) >= t ? 0 : cap;
    else for (let x = 0; x < n; x++) {
      const up = g[above + x]! + 1;
      g[row + x] = (data[src + x]! ^ flip) >= t ? 0 : up < cap ? up : cap;
    }
  }
  for (let y = r.height - 1; y >= 0; y--) {
    const row = y * n, below = row + n;
    let min = cap;
    if (y === r.height - 1) for (let x = 0; x < n; x++) min = Math.min(min, g[row + x]!);
    else for (let x = 0; x < n; x++) {
      let v = g[row + x]!;
      const down = g[below + x]! + 1;
      if (down < v) g[row + x] = v = down;
      if (v < min) min = v;
    }
    onRow(g, row, y, min);
  }
}

/** Writes `value` into out (inside rect) wherever a source lies within Euclidean distance `radius`. */
function markWithin(mask: Mask, sourceSelected: boolean, radius: number, r: Rect, out: Mask, value: number): void {
  const reach = Math.floor(Math.min(radius, 65534));
  const cap = reach + 1;
  const half = new Int32Array(cap + 1).fill(-1); // half-width of the covered interval for a given g
  for (let d = 0; d <= reach; d++) half[d] = Math.floor(Math.sqrt(radius * radius - d * d) + 1e-9);
  const o = out.data, n = r.width;
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
  const x = Math.max(0, r.x - by), y = Math.max(0, r.y - by);
  return { x, y, width: Math.min(w, r.x + r.width + by) - x, height: Math.min(h, r.y + r.height + by) - y };
}

/** Selects every pixel within `px` (Euclidean, pixel centres) of a selected pixel. Negative px shrinks. */
export function grow(mask: Mask, px: number): Mask {
  if (px < 0) return shrink(mask, -px);
  const out = createMask(mask.width, mask.height);
  const box = bbox(mask);
  if (!box) return out;
  // Nothing further than px from the selection's box can be reached: work inside box + px only.
  markWithin(mask, true, px, expand(box, Math.ceil(px), mask.width, mask.height), out, 255);
  return out;
}

/** Keeps selected pixels further than `px` from every unselected pixel. Negative px grows. */
export function shrink(mask: Mask, px: number): Mask {
  if (px < 0) return grow(mask, -px);
  const out = createMask(mask.width, mask.height);
  const box = bbox(mask);
  if (!box) return out;
  // A one-pixel margin around the box holds the nearest unselected pixel for everything inside it.
  const r = expand(box, 1, mask.width, mask.height);
  const o = out.data, d = mask.data, t = SELECTED;
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let i = y * mask.width + r.x, end = i + r.width; i < end; i++) o[i] = d[i]! >= t ? 255 : 0;
  }
  markWithin(mask, false, px, r, out, 0);
  return out;
}

/**
 * Squared Euclidean distance from each pixel centre to the nearest selected pixel (or, with
 * toSelected = false, the nearest unselected one); Infinity where there is none.
 */
export function distanceSquared(mask: Mask, toSelected = true): Float32Array {
  const { width: w, height: h } = mask;
  const out = new Float32Array(w * h);
  const f = new Float64Array(w), v = new Int32Array(w), z = new Float64Array(w + 1);
  // Columns more than 65534 rows from any source count as having none (masks are far shorter).
  columns(mask, toSelected, 65535, { x: 0, y: 0, width: w, height: h }, (g, row) => {
    let k = -1; // lower envelope: parabolas v[0..k], parabola j lowest on (z[j], z[j + 1])
    for (let q = 0; q < w; q++) {
      const gq = g[row + q]!;
      f[q] = gq === 65535 ? Infinity : gq * gq;
      if (f[q] === Infinity) continue; // no source in this column: never on the envelope
      let s = -Infinity;
      while (k >= 0) {
        const p = v[k]!;
        s = (f[q]! + q * q - (f[p]! + p * p)) / (2 * (q - p));
        if (s > z[k]!) break;
        k--;
      }
      k++;
      v[k] = q; z[k] = k === 0 ? -Infinity : s; z[k + 1] = Infinity;
    }
    if (k < 0) { out.fill(Infinity, row, row + w); return; }
    for (let q = 0, j = 0; q < w; q++) {
      while (z[j + 1]! < q) j++;
      const p = v[j]!;
      out[row + q] = (q - p) * (q - p) + f[p]!;
    }
  });
  return out;
}
