// Runs in: every process (pure): the engine at full resolution, the renderer for previews. Low-res 256×256 logits →
// a binary mask at any size, the way the graphs do it: SAM 1's mask_postprocessing (bilinear 256→1024,
// crop to the pre-pad size, bilinear to (H,W); half-pixel, no antialias, ORT's edge clamping), SAM 2's
// direct bilinear 256→(H,W). Bilinear is separable, so both become per-axis weight lists.
/** Low-res masks are always 256×256 logits covering a 1024×1024 model frame. */
export const LOW_RES = 256;
export const FRAME = 1024;

/**
 * Where the low-res logits sit on the image. SAM 1 ("sam1-crop"): the image fills the top-left
 * `crop` of the 1024 frame (long side 1024, the rest is padding). SAM 2 ("stretch"): the image is
 * stretched over the whole frame. Either way the image is the `sourceRect` of the 256 grid.
 */
export interface LowResPlacement {
  kind: 'sam1-crop' | 'stretch';
  /** Upright image size the mask is for. */
  width: number;
  height: number;
  /** The image's part of the 1024 frame (1024×1024 for stretch). */
  crop: { width: number; height: number };
  /** The same in low-res pixels: crop / 4. */
  sourceRect: { x: number; y: number; width: number; height: number };
}

// Local copies: the loops below read them directly, never through a module binding.
const SIDE: number = LOW_RES;
const FRAME_SIDE: number = FRAME;

/** Per output index: up to 4 low-res indices and weights (unused slots weigh 0). */
interface Taps { idx: Int32Array; w: Float64Array }

/** ONNX Resize linear, half_pixel: source position (i+0.5)·in/out − 0.5, clamped to [0, in−1]. */
function linear(i: number, inSize: number, outSize: number): [number, number, number] {
  const s = Math.min(Math.max(((i + 0.5) * inSize) / outSize - 0.5, 0), inSize - 1);
  const i0 = Math.floor(s);
  return [i0, Math.min(i0 + 1, inSize - 1), s - i0];
}

/** Taps depend only on (kind, crop, size): the same few sizes come back every click (preview, thumbnails, stats). */
const tapCache = new Map<string, Taps>();
const TAP_CACHE_SIZE = 16;

function axisTaps(kind: LowResPlacement['kind'], crop: number, out: number): Taps {
  const key = `${kind}|${crop}|${out}`;
  let t = tapCache.get(key);
  if (!t) {
    t = computeTaps(kind, crop, out);
    tapCache.set(key, t);
    if (tapCache.size > TAP_CACHE_SIZE) tapCache.delete(tapCache.keys().next().value!);
  }
  return t;
}

function computeTaps(kind: LowResPlacement['kind'], crop: number, out: number): Taps {
  const idx = new Int32Array(out * 4);
  const w = new Float64Array(out * 4);
  for (let i = 0; i < out; i++) {
    const o = i * 4;
    if (kind === 'stretch') {
      const [a, b, f] = linear(i, SIDE, out);
      idx.set([a, b, a, a], o);
      w.set([1 - f, f, 0, 0], o);
      continue;
    }
    // Output → crop of the 1024 frame → low-res grid: two linear steps compose to ≤ 4 taps.
    const [c0, c1, f] = linear(i, crop, out);
    const [a0, b0, g0] = linear(c0, SIDE, FRAME_SIDE);
    const [a1, b1, g1] = linear(c1, SIDE, FRAME_SIDE);
    idx.set([a0, b0, a1, b1], o);
    w.set([(1 - f) * (1 - g0), (1 - f) * g0, f * (1 - g1), f * g1], o);
  }
  return { idx, w };
}

/**
 * The binary mask (255 inside, 0 outside) of low-res `logits` placed by `p`, at outW×outH (default the
 * image size; smaller sizes give the same mask sampled more coarsely). Inside = interpolated logit > 0.
 *
 * Every weight is ≥ 0 and they sum to 1, so a pixel whose taps are all (finitely) positive is inside and
 * one with no positive tap is outside, without interpolating. Output pixels come in tiles sharing their
 * taps (a run of columns × a group of rows); whole tiles are decided from the taps' signs and only the
 * tiles on the mask's edge are interpolated, pixel by pixel, exactly as before. Work follows the edge's
 * length, not the area: a 24 MP full-size mask or a click's 1.5 MP preview alike.
 */
export function lowResToMask(logits: ArrayLike<number>, p: LowResPlacement, outW = p.width, outH = p.height): Uint8Array {
  const mask = new Uint8Array(outW * outH);
  // Only pixels with a positive cell among their taps can be inside: work on that window alone.
  const { signs, cells } = cellSigns(logits);
  if (!cells) return mask;
  // For a smaller output the crop scales with it: the chain is the same, only the last resize differs.
  const xs = axisTaps(p.kind, p.crop.width, outW);
  const ys = axisTaps(p.kind, p.crop.height, outH);
  const [xa, xb] = window(xs, outW, cells.x0, cells.x1);
  const [ya, yb] = window(ys, outH, cells.y0, cells.y1);
  const runs = runsOf(xs, xa, xb);
  const all = new Uint8Array(SIDE);
  const any = new Uint8Array(SIDE);
  const edge: number[] = [];
  // Per edge pixel of the current row group, its four tap rows' horizontal interpolations.
  const across = new Float64Array(4 * (xb - xa));
  let group = -1;
  for (let y = ya; y < yb; y++) {
    const o = y * 4;
    const line = y * outW;
    if (group >= 0 && sameTaps(ys, group, y)) {
      // Same tap rows as the row above: its decided tiles are this row's too; redo the edge tiles only.
      mask.copyWithin(line + xa, line - outW + xa, line - outW + xb);
    } else {
      group = y;
      tapRowSigns(signs, ys.idx[o]!, ys.idx[o + 1]!, ys.idx[o + 2]!, ys.idx[o + 3]!, all, any);
      edge.length = 0;
      // Neighbouring runs of one kind become one span: one fill per inside span, not one per run.
      let fillFrom = -1;
      for (let k = 0; k < runs.length; k += 6) {
        const c0 = runs[k + 2]!;
        const c1 = runs[k + 3]!;
        const c2 = runs[k + 4]!;
        const c3 = runs[k + 5]!;
        const inside = all[c0]! & all[c1]! & all[c2]! & all[c3]!;
        if (inside) {
          if (fillFrom < 0) fillFrom = runs[k]!;
          continue;
        }
        if (fillFrom >= 0) mask.fill(255, line + fillFrom, line + runs[k]!);
        fillFrom = -1;
        if (!(any[c0]! | any[c1]! | any[c2]! | any[c3]!)) continue;
        if (edge.length && edge[edge.length - 1] === runs[k]) edge[edge.length - 1] = runs[k + 1]!;
        else edge.push(runs[k]!, runs[k + 1]!);
      }
      if (fillFrom >= 0) mask.fill(255, line + fillFrom, line + xb);
      for (let k = 0; k < edge.length; k += 2) horizontalRun(logits, xs, ys, y, edge[k]!, edge[k + 1]!, across, xa);
    }
    for (let k = 0; k < edge.length; k += 2) verticalRun(ys, y, edge[k]!, edge[k + 1]!, across, xa, mask, line);
  }
  return mask;
}

/**
 * Per cell: bit 0 = logit > 0, bit 1 = finite and > 0 (an infinite tap can make 0·∞ = NaN: never "surely
 * in"); and the low-res box of the positive cells (null when there are none).
 */
function cellSigns(logits: ArrayLike<number>): { signs: Uint8Array; cells: { x0: number; y0: number; x1: number; y1: number } | null } {
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
function tapRowSigns(signs: Uint8Array, r0: number, r1: number, r2: number, r3: number, all: Uint8Array, any: Uint8Array): void {
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

function sameTaps(t: Taps, i: number, j: number): boolean {
  const a = i * 4;
  const b = j * 4;
  return t.idx[a] === t.idx[b] && t.idx[a + 1] === t.idx[b + 1] && t.idx[a + 2] === t.idx[b + 2] && t.idx[a + 3] === t.idx[b + 3];
}

/** Runs of output columns in [xa, xb) that share their four taps: [start, end, c0, c1, c2, c3] each. */
function runsOf(xs: Taps, xa: number, xb: number): Int32Array {
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
function horizontalRun(logits: ArrayLike<number>, xs: Taps, ys: Taps, y: number, x0: number, x1: number, across: Float64Array, xa: number): void {
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
function verticalRun(ys: Taps, y: number, x0: number, x1: number, across: Float64Array, xa: number, mask: Uint8Array, line: number): void {
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

/** [first, end) of the output indices with a weighted tap in cells [lo, hi] (taps grow with the index). */
function window(t: Taps, out: number, lo: number, hi: number): [number, number] {
  const touches = (i: number) => {
    for (let k = i * 4; k < i * 4 + 4; k++) if (t.w[k] !== 0 && t.idx[k]! >= lo && t.idx[k]! <= hi) return true;
    return false;
  };
  let a = 0;
  while (a < out && !touches(a)) a++;
  let b = out;
  while (b > a && !touches(b - 1)) b--;
  return [a, b];
}
