// Runs in: every process (pure). Resampling a mask between preview and full resolution.
// Enlarging is bilinear on coverage (pixel centres aligned); reducing averages the exact source area under
// each target pixel (a box filter) instead, because bilinear taps would skip source pixels and lose thin
// brush strokes or let small holes flicker in the preview. Separable: rows, then columns.
import { type Mask, createMask } from './mask';

/** Per target index: first source index and contiguous weights (taps) that sum to 1. */
interface Taps {
  first: Int32Array;
  count: Int32Array;
  weight: Float32Array; // target i's weights at i * stride .. i * stride + count[i] - 1
  stride: number;
}

function taps(src: number, dst: number): Taps {
  const scale = src / dst;
  const stride = dst >= src ? 2 : Math.ceil(scale) + 1;
  const t: Taps = { first: new Int32Array(dst), count: new Int32Array(dst), weight: new Float32Array(dst * stride), stride };
  for (let i = 0; i < dst; i++) {
    const o = i * stride;
    if (dst >= src) {
      // bilinear between the two nearest source centres, clamped at the ends
      const s = (i + 0.5) * scale - 0.5,
        j = Math.floor(s),
        f = s - j;
      if (j < 0 || j >= src - 1 || f === 0) {
        t.first[i] = Math.min(src - 1, Math.max(0, f === 0 ? j : j < 0 ? 0 : src - 1));
        t.count[i] = 1;
        t.weight[o] = 1;
      } else {
        t.first[i] = j;
        t.count[i] = 2;
        t.weight[o] = 1 - f;
        t.weight[o + 1] = f;
      }
    } else {
      // box: overlap of [i·scale, (i+1)·scale) with each source pixel
      const a = i * scale,
        b = (i + 1) * scale,
        j0 = Math.floor(a),
        j1 = Math.min(src, Math.ceil(b));
      t.first[i] = j0;
      t.count[i] = j1 - j0;
      for (let j = j0; j < j1; j++) t.weight[o + j - j0] = (Math.min(b, j + 1) - Math.max(a, j)) / scale;
    }
  }
  return t;
}

/** The mask resampled to width × height. */
export function resize(mask: Mask, width: number, height: number): Mask {
  const { width: W, height: H, data } = mask;
  const out = createMask(width, height);
  if (width === 0 || height === 0) return out;
  if (W === 0 || H === 0) return out;
  if (W === width && H === height) {
    out.data.set(data);
    return out;
  }
  const tx = taps(W, width),
    ty = taps(H, height);
  const mid = new Float32Array(width * H); // rows resampled, columns not yet
  for (let y = 0; y < H; y++) {
    const src = y * W,
      row = y * width;
    for (let x = 0; x < width; x++) {
      const first = src + tx.first[x]!,
        n = tx.count[x]!,
        o = x * tx.stride;
      let sum = 0;
      for (let k = 0; k < n; k++) sum += data[first + k]! * tx.weight[o + k]!;
      mid[row + x] = sum;
    }
  }
  const acc = new Float32Array(width),
    o = out.data;
  for (let y = 0; y < height; y++) {
    const first = ty.first[y]!,
      n = ty.count[y]!,
      w0 = ty.weight[y * ty.stride]!,
      dst = y * width;
    const r0 = first * width,
      r1 = r0 + width,
      w1 = n > 1 ? ty.weight[y * ty.stride + 1]! : 0;
    if (n === 1) for (let x = 0; x < width; x++) o[dst + x] = Math.min(255, (mid[r0 + x]! * w0 + 0.5) | 0);
    else if (n === 2) for (let x = 0; x < width; x++) o[dst + x] = Math.min(255, (mid[r0 + x]! * w0 + mid[r1 + x]! * w1 + 0.5) | 0);
    else {
      // box reduction: accumulate the rows under this target row
      acc.fill(0);
      for (let k = 0; k < n; k++) {
        const wk = ty.weight[y * ty.stride + k]!,
          row = (first + k) * width;
        for (let x = 0; x < width; x++) acc[x]! += mid[row + x]! * wk;
      }
      for (let x = 0; x < width; x++) o[dst + x] = Math.min(255, (acc[x]! + 0.5) | 0);
    }
  }
  return out;
}
