// Runs in: engine process and the fill worker thread (pure). The image pyramid of a PatchMatch fill:
// halving with a 2 × 2 box filter, where a coarse pixel is a hole if any of its children is (so a
// coarse "known" pixel is really known), and nearest-neighbour upsampling of a coarse estimate.
import type { Plane } from './types';

export interface Level {
  plane: Plane;
  hole: Uint8Array;
}

export function downsample(level: Level): Level {
  const { width: w, height: h, channels: C, data } = level.plane;
  const W = Math.ceil(w / 2),
    H = Math.ceil(h / 2);
  const out = new Float32Array(W * H * C),
    hole = new Uint8Array(W * H);
  for (let Y = 0; Y < H; Y++) {
    const y0 = 2 * Y,
      y1 = Math.min(h - 1, y0 + 1);
    for (let X = 0; X < W; X++) {
      const x0 = 2 * X,
        x1 = Math.min(w - 1, x0 + 1);
      const a = y0 * w + x0,
        b = y0 * w + x1,
        c = y1 * w + x0,
        d = y1 * w + x1,
        o = Y * W + X;
      hole[o] = level.hole[a]! | level.hole[b]! | level.hole[c]! | level.hole[d]!;
      for (let k = 0; k < C; k++) out[o * C + k] = (data[a * C + k]! + data[b * C + k]! + data[c * C + k]! + data[d * C + k]!) / 4;
    }
  }
  return { plane: { data: out, width: W, height: H, channels: C }, hole };
}

/** Seeds the fine level's hole pixels with its coarse parent's colours (fine is 2× coarse, rounded up). */
export function upsampleInto(fine: Level, coarse: Plane): void {
  const { width: w, height: h, channels: C, data } = fine.plane;
  for (let y = 0; y < h; y++) {
    const cy = Math.min(coarse.height - 1, y >> 1);
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!fine.hole[i]) continue;
      const j = cy * coarse.width + Math.min(coarse.width - 1, x >> 1);
      for (let k = 0; k < C; k++) data[i * C + k] = coarse.data[j * C + k]!;
    }
  }
}

/** Pixels whose (2r+1)² patch touches a hole pixel: a square dilation by r, separable. */
export function dilateSquare(hole: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const row = new Uint8Array(w * h),
    out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let count = 0;
    const base = y * w;
    for (let x = 0; x < Math.min(w, r); x++) count += hole[base + x]!;
    for (let x = 0; x < w; x++) {
      if (x + r < w) count += hole[base + x + r]!;
      if (x - r - 1 >= 0) count -= hole[base + x - r - 1]!;
      row[base + x] = count > 0 ? 1 : 0;
    }
  }
  for (let x = 0; x < w; x++) {
    let count = 0;
    for (let y = 0; y < Math.min(h, r); y++) count += row[y * w + x]!;
    for (let y = 0; y < h; y++) {
      if (y + r < h) count += row[(y + r) * w + x]!;
      if (y - r - 1 >= 0) count -= row[(y - r - 1) * w + x]!;
      out[y * w + x] = count > 0 ? 1 : 0;
    }
  }
  return out;
}
