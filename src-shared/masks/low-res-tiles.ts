// Runs in: every process (pure). The pieces lowResToMask (low-res.ts) works with: the cells' signs, runs of
// output columns sharing their taps, and the exact interpolation of the edge pixels in the graphs' order.
import { LOW_RES, type Taps, sameTaps } from './low-res-taps';

const SIDE: number = LOW_RES;

/**
 * Per cell: bit 0 = logit > 0, bit 1 = finite and > 0 (an infinite tap can make 0·∞ = NaN: never "surely
 * in"); and the low-res box of the positive cells (null when there are none).
 */
export function cellSigns(logits: ArrayLike<number>): {
  signs: Uint8Array;
  cells: { x0: number; y0: number; x1: number; y1: number } | null;
} {
  const signs = new Uint8Array(SIDE * SIDE);
  let [x0, y0, x1, y1] = [SIDE, SIDE, -1, -1];
  for (let y = 0; y < SIDE; y++) {
    const row = y * SIDE;
    let first = -1;
    let last = -1;
    for (let x = 0; x < SIDE; x++) {
      const v = logits[row + x] as number;
      if (!(v > 0)) continue;
      signs[row + x] = v < Infinity ? 3 : 1;
      if (first < 0) first = x;
      last = x;
    }
    if (first < 0) continue;
    if (y0 === SIDE) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    if (last > x1) x1 = last;
  }
  return { signs, cells: x1 < 0 ? null : { x0, y0, x1, y1 } };
}

/** For each low-res column: are all four tap rows surely positive, and is any positive at all. */
export function tapRowSigns(signs: Uint8Array, r0: number, r1: number, r2: number, r3: number, all: Uint8Array, any: Uint8Array): void {
  const a = r0 * SIDE;
  const b = r1 * SIDE;
  const c = r2 * SIDE;
  const d = r3 * SIDE;
  for (let x = 0; x < SIDE; x++) {
    const and = signs[a + x]! & signs[b + x]! & signs[c + x]! & signs[d + x]!;
    all[x] = and >> 1;
    any[x] = (signs[a + x]! | signs[b + x]! | signs[c + x]! | signs[d + x]!) & 1;
  }
}

/** Runs of output columns in [xa, xb) that share their four taps: [start, end, c0, c1, c2, c3] each. */
export function runsOf(xs: Taps, xa: number, xb: number): Int32Array {
  const runs = new Int32Array((xb - xa) * 6);
  let n = 0;
  for (let x = xa; x < xb; x++) {
    if (x > xa && sameTaps(xs, x - 1, x)) {
      runs[n - 5] = x + 1;
      continue;
    }
    const o = x * 4;
    runs.set([x, x + 1, xs.idx[o]!, xs.idx[o + 1]!, xs.idx[o + 2]!, xs.idx[o + 3]!], n);
    n += 6;
  }
  return runs.subarray(0, n);
}

/**
 * Edge pixels [x0, x1): the horizontal interpolation along each of row y's four tap rows (the graphs'
 * order: across, then down), kept for the rows of its group at `across[4·(x − xa) + j]`.
 */
export function horizontalRun(
  logits: ArrayLike<number>,
  xs: Taps,
  ys: Taps,
  y: number,
  x0: number,
  x1: number,
  across: Float64Array,
  xa: number,
): void {
  for (let j = 0; j < 4; j++) {
    const row = ys.idx[y * 4 + j]! * SIDE;
    for (let x = x0; x < x1; x++) {
      const k = x * 4;
      across[(x - xa) * 4 + j] =
        xs.w[k]! * (logits[row + xs.idx[k]!] as number) +
        xs.w[k + 1]! * (logits[row + xs.idx[k + 1]!] as number) +
        xs.w[k + 2]! * (logits[row + xs.idx[k + 2]!] as number) +
        xs.w[k + 3]! * (logits[row + xs.idx[k + 3]!] as number);
    }
  }
}

/** Edge pixels [x0, x1) of row y: its vertical weights over the kept horizontal values; inside = > 0. */
export function verticalRun(
  ys: Taps,
  y: number,
  x0: number,
  x1: number,
  across: Float64Array,
  xa: number,
  mask: Uint8Array,
  line: number,
): void {
  const o = y * 4;
  const w0 = ys.w[o]!;
  const w1 = ys.w[o + 1]!;
  const w2 = ys.w[o + 2]!;
  const w3 = ys.w[o + 3]!;
  for (let x = x0; x < x1; x++) {
    const a = (x - xa) * 4;
    const v = w0 * across[a]! + w1 * across[a + 1]! + w2 * across[a + 2]! + w3 * across[a + 3]!;
    mask[line + x] = v > 0 ? 255 : 0;
  }
}
