// Runs in: engine process (pure). LaMa's tensors for one crop and back. Carve's export takes a fixed
// size × size (512) float image in 0–1 and a float mask with 1 = hole, and answers 0–255 floats
// (models/README.md, `lama-512`). The crop (erase-tensors.ts: uint8 RGB planes, mask 255 = keep) is
// resized to the model's size by area averaging, a model pixel being hole when any crop pixel under it is
// (so no hole pixel is ever lost), and the answer is resized back bilinearly to the crop's uint8 planes.
import type { CropTensors } from './erase-tensors';

export interface LamaInput {
  image: Float32Array;
  mask: Float32Array;
  dims: { image: number[]; mask: number[] };
}

/** One axis of a resample: for each target index, the source indices and weights (summing to 1). */
interface Taps {
  index: Int32Array;
  weight: Float32Array;
  start: Int32Array;
}

function axisTaps(from: number, to: number): Taps {
  const index: number[] = [],
    weight: number[] = [],
    start = new Int32Array(to + 1),
    scale = from / to;
  for (let i = 0; i < to; i++) {
    start[i] = index.length;
    if (to <= from) {
      // Area: the source interval [i·s, (i+1)·s) with partial pixels at its ends.
      const a = i * scale,
        b = (i + 1) * scale;
      for (let j = Math.floor(a); j < Math.min(from, Math.ceil(b)); j++) {
        const w = Math.min(b, j + 1) - Math.max(a, j);
        if (w <= 1e-9) continue;
        index.push(j);
        weight.push(w / scale);
      }
    } else {
      // Bilinear with pixel centres aligned (align_corners = false), clamped at the edges.
      const c = Math.min(from - 1, Math.max(0, (i + 0.5) * scale - 0.5)),
        j = Math.floor(c),
        t = c - j;
      index.push(j);
      weight.push(1 - t);
      if (t === 0) continue;
      index.push(Math.min(from - 1, j + 1));
      weight.push(t);
    }
  }
  start[to] = index.length;
  return { index: Int32Array.from(index), weight: Float32Array.from(weight), start };
}

/** planes × (sh × sw) → planes × (dh × dw), separable (rows, then columns). */
export function resamplePlanes(src: ArrayLike<number>, planes: number, sw: number, sh: number, dw: number, dh: number): Float32Array {
  const tx = axisTaps(sw, dw),
    ty = axisTaps(sh, dh),
    mid = new Float32Array(planes * sh * dw),
    out = new Float32Array(planes * dh * dw);
  for (let p = 0; p < planes; p++) {
    for (let y = 0; y < sh; y++) {
      const s = (p * sh + y) * sw,
        o = (p * sh + y) * dw;
      for (let x = 0; x < dw; x++) {
        let v = 0;
        for (let k = tx.start[x]!; k < tx.start[x + 1]!; k++) v += src[s + tx.index[k]!]! * tx.weight[k]!;
        mid[o + x] = v;
      }
    }
    for (let y = 0; y < dh; y++) {
      const o = (p * dh + y) * dw;
      for (let k = ty.start[y]!; k < ty.start[y + 1]!; k++) {
        const s = (p * sh + ty.index[k]!) * dw,
          w = ty.weight[k]!;
        for (let x = 0; x < dw; x++) out[o + x]! += mid[s + x]! * w;
      }
    }
  }
  return out;
}

/** The crop as LaMa's input at size × size: RGB 0–1, mask 1 where any crop pixel under it is repainted. */
export function toLamaInput(crop: CropTensors, size: number): LamaInput {
  const [, , ch, cw] = crop.dims.image as [number, number, number, number];
  const image = resamplePlanes(crop.image, 3, cw, ch, size, size).map((v) => v / 255);
  const holeShare = resamplePlanes(
    Uint8Array.from(crop.mask, (m) => (m < 128 ? 1 : 0)),
    1,
    cw,
    ch,
    size,
    size,
  );
  const mask = holeShare.map((v) => (v > 1e-6 ? 1 : 0));
  return { image, mask, dims: { image: [1, 3, size, size], mask: [1, 1, size, size] } };
}

/** LaMa's [1,3,size,size] 0–255 answer as the crop's uint8 RGB planes ([1,3,ch,cw]). */
export function fromLamaOutput(output: Float32Array, size: number, cw: number, ch: number): Uint8Array {
  const back = resamplePlanes(output, 3, size, size, cw, ch);
  return Uint8Array.from(back, (v) => Math.min(255, Math.max(0, Math.round(v))));
}
