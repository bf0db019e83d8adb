// Runs in: every process (pure). Exact Euclidean distance transform, separable and linear time.
// Pass 1 (per column) is the distance in rows to the nearest source pixel of the same column, computed by
// a downward and an upward sweep over whole rows, so memory is read in order rather than down columns.
// Pass 2 works along each row on those column distances g: distanceSquared() takes the lower envelope of
// the parabolas (x − q)² + g(q)² (Felzenszwalb & Huttenlocher); grow.ts reuses pass 1 for its test.
// Pixels outside the image are never sources.
import { type Mask, type Rect, SELECTED } from './mask';

/**
 * Pass 1: g = min(cap, rows to the nearest source in the same column), inside rect r. A downward sweep,
 * then an upward one that hands each finished row to onRow (while it is still in cache) with its minimum.
 */
export function columns(
  mask: Mask,
  sourceSelected: boolean,
  cap: number,
  r: Rect,
  onRow: (g: Uint16Array, row: number, y: number, min: number) => void,
): void {
  const { width: w, data } = mask,
    n = r.width;
  const flip = sourceSelected ? 0 : 255,
    t = SELECTED; // (v ^ 255) = 255 − v; t local: see components.ts
  const g = new Uint16Array(n * r.height);
  for (let y = 0; y < r.height; y++) {
    const src = (r.y + y) * w + r.x,
      row = y * n,
      above = row - n;
    if (y === 0) for (let x = 0; x < n; x++) g[x] = (data[src + x]! ^ flip) >= t ? 0 : cap;
    else
      for (let x = 0; x < n; x++) {
        const up = g[above + x]! + 1;
        g[row + x] = (data[src + x]! ^ flip) >= t ? 0 : up < cap ? up : cap;
      }
  }
  for (let y = r.height - 1; y >= 0; y--) {
    const row = y * n,
      below = row + n;
    let min = cap;
    if (y === r.height - 1) for (let x = 0; x < n; x++) min = Math.min(min, g[row + x]!);
    else
      for (let x = 0; x < n; x++) {
        let v = g[row + x]!;
        const down = g[below + x]! + 1;
        if (down < v) g[row + x] = v = down;
        if (v < min) min = v;
      }
    onRow(g, row, y, min);
  }
}

/**
 * Squared Euclidean distance from each pixel centre to the nearest selected pixel (or, with
 * toSelected = false, the nearest unselected one); Infinity where there is none.
 */
export function distanceSquared(mask: Mask, toSelected = true): Float32Array {
  const { width: w, height: h } = mask;
  const out = new Float32Array(w * h);
  const f = new Float64Array(w),
    v = new Int32Array(w),
    z = new Float64Array(w + 1);
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
      v[k] = q;
      z[k] = k === 0 ? -Infinity : s;
      z[k + 1] = Infinity;
    }
    if (k < 0) {
      out.fill(Infinity, row, row + w);
      return;
    }
    for (let q = 0, j = 0; q < w; q++) {
      while (z[j + 1]! < q) j++;
      const p = v[j]!;
      out[row + q] = (q - p) * (q - p) + f[p]!;
    }
  });
  return out;
}
