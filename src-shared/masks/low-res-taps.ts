// Runs in: every process (pure). The resize chain of low-res.ts as per-axis taps: for each output row or
// column, up to four low-res cells and their weights (SAM 1: 256→1024, crop, →size; SAM 2: 256→size).
/** Low-res masks are always 256×256 logits covering a 1024×1024 model frame. */
export const LOW_RES = 256;
export const FRAME = 1024;

/** Which resize chain: SAM 1's crop of the padded frame, or SAM 2's stretch of the whole frame. */
export type PlacementKind = 'sam1-crop' | 'stretch';

// Local copies: the loops read them directly, never through a module binding.
const SIDE: number = LOW_RES;
const FRAME_SIDE: number = FRAME;

/** Per output index: up to 4 low-res indices and weights (unused slots weigh 0). */
export interface Taps {
  idx: Int32Array;
  w: Float64Array;
}

/** ONNX Resize linear, half_pixel: source position (i+0.5)·in/out − 0.5, clamped to [0, in−1]. */
function linear(i: number, inSize: number, outSize: number): [number, number, number] {
  const s = Math.min(Math.max(((i + 0.5) * inSize) / outSize - 0.5, 0), inSize - 1);
  const i0 = Math.floor(s);
  return [i0, Math.min(i0 + 1, inSize - 1), s - i0];
}

/** Taps depend only on (kind, crop, size): the same few sizes come back every click (preview, thumbnails, stats). */
const tapCache = new Map<string, Taps>();
const TAP_CACHE_SIZE = 16;

export function axisTaps(kind: PlacementKind, crop: number, out: number): Taps {
  const key = `${kind}|${crop}|${out}`;
  let t = tapCache.get(key);
  if (!t) {
    t = computeTaps(kind, crop, out);
    tapCache.set(key, t);
    if (tapCache.size > TAP_CACHE_SIZE) tapCache.delete(tapCache.keys().next().value!);
  }
  return t;
}

function computeTaps(kind: PlacementKind, crop: number, out: number): Taps {
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

/** Do outputs i and j read the same four cells? */
export function sameTaps(t: Taps, i: number, j: number): boolean {
  const a = i * 4;
  const b = j * 4;
  return t.idx[a] === t.idx[b] && t.idx[a + 1] === t.idx[b + 1] && t.idx[a + 2] === t.idx[b + 2] && t.idx[a + 3] === t.idx[b + 3];
}

export /** [first, end) of the output indices with a weighted tap in cells [lo, hi] (taps grow with the index). */
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
