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
 */
export function lowResToMask(logits: ArrayLike<number>, p: LowResPlacement, outW = p.width, outH = p.height): Uint8Array {
  const mask = new Uint8Array(outW * outH);
  // Only pixels with a positive cell among their taps can be inside: work on that window alone.
  const cells = positiveCells(logits);
  if (!cells) return mask;
  // For a smaller output the crop scales with it: the chain is the same, only the last resize differs.
  const xs = axisTaps(p.kind, p.crop.width, outW);
  const ys = axisTaps(p.kind, p.crop.height, outH);
  const [xa, xb] = window(xs, outW, cells.x0, cells.x1);
  const [ya, yb] = window(ys, outH, cells.y0, cells.y1);
  // Horizontal pass over the low-res rows the window's vertical taps use, then the vertical pass.
  const rows = new Float64Array(SIDE * outW);
  const used = new Uint8Array(SIDE);
  for (let k = ya * 4; k < yb * 4; k++) used[ys.idx[k]!] = 1;
  for (let r = 0; r < SIDE; r++) {
    if (!used[r]) continue;
    const src = r * SIDE;
    const dst = r * outW;
    for (let x = xa; x < xb; x++) {
      const o = x * 4;
      rows[dst + x] =
        xs.w[o]! * (logits[src + xs.idx[o]!] as number) +
        xs.w[o + 1]! * (logits[src + xs.idx[o + 1]!] as number) +
        xs.w[o + 2]! * (logits[src + xs.idx[o + 2]!] as number) +
        xs.w[o + 3]! * (logits[src + xs.idx[o + 3]!] as number);
    }
  }
  for (let y = ya; y < yb; y++) {
    const o = y * 4;
    const [r0, r1, r2, r3] = [ys.idx[o]! * outW, ys.idx[o + 1]! * outW, ys.idx[o + 2]! * outW, ys.idx[o + 3]! * outW];
    const [w0, w1, w2, w3] = [ys.w[o]!, ys.w[o + 1]!, ys.w[o + 2]!, ys.w[o + 3]!];
    const line = y * outW;
    for (let x = xa; x < xb; x++) {
      const v = w0 * rows[r0 + x]! + w1 * rows[r1 + x]! + w2 * rows[r2 + x]! + w3 * rows[r3 + x]!;
      if (v > 0) mask[line + x] = 255;
    }
  }
  return mask;
}

/** The low-res bounding box of the cells with a positive logit; null when there are none. */
function positiveCells(logits: ArrayLike<number>): { x0: number; y0: number; x1: number; y1: number } | null {
  let [x0, y0, x1, y1] = [SIDE, SIDE, -1, -1];
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      if (!((logits[y * SIDE + x] as number) > 0)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
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
