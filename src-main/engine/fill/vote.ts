// Runs in: engine process and the fill worker thread (pure). The EM step of Wexler et al. (2007): every
// hole pixel becomes the weighted mean of what each overlapping target patch's source says it should be.
// Weights: confidence 1.3^-depth (patches nearer the known border are more trustworthy). No similarity
// term: it let flat, near-perfect matches inside the hole outvote the border (large holes went to asphalt).
import { boxOf, distanceInside } from './near-distance';
import { R, type Field } from './nnf';

const MAX_DEPTH = 60; // beyond, confidences would underflow; equal weights are fine that deep

/** Per-pixel confidence 1.3^-(distance to the nearest known pixel) for one level (1 on known pixels). */
export function confidence(hole: Uint8Array, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h).fill(1),
    box = boxOf(hole, w, h, 1);
  if (!box) return out;
  const d2 = distanceInside(hole, w, h, box, false);
  for (let i = 0; i < out.length; i++) if (hole[i]) out[i] = Math.pow(1.3, -Math.min(MAX_DEPTH, Math.sqrt(d2[i]!)));
  return out;
}

/**
 * Rewrites the hole pixels of the field's level from its current NNF. stride 2 lets only every other
 * target (in x and y, plus the outermost row and column) vote: each hole pixel is still covered by a
 * dozen patches, at a quarter of the cost, which is what full resolution can afford.
 */
export function vote(f: Field, conf: Float32Array, sharpen = 0, stride: 1 | 2 = 1): void {
  const { w, h, nnf, targets } = f;
  const { data, channels: C } = f.level.plane,
    hole = f.level.hole;
  const r = R,
    index = new Int32Array(w * h).fill(-1);
  let n = 0;
  for (let i = 0; i < hole.length; i++) if (hole[i]) index[i] = n++;
  const acc = new Float64Array(n * C),
    wsum = new Float64Array(n),
    bestW = new Float64Array(n),
    bestQ = new Int32Array(n);
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k]!;
    if (stride === 2) {
      const x = t % w,
        y = (t - x) / w;
      if (((x | y) & 1) !== 0 && x !== r && y !== r && x !== w - 1 - r && y !== h - 1 - r) continue;
    }
    const s = nnf[t]!,
      wt = conf[t]! + 1e-30;
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r, p = t + dy * w - r; dx <= r; dx++, p++) {
        const hi = index[p]!;
        if (hi < 0) continue;
        const q = (p - t + s) * C;
        if (wt > bestW[hi]!) {
          bestW[hi] = wt;
          bestQ[hi] = q;
        }
        if (sharpen === 1) continue; // only the most confident patch's pixel is kept: no mean needed
        for (let c = 0, a = hi * C; c < C; c++) acc[a + c]! += wt * data[q + c]!;
        wsum[hi]! += wt;
      }
    }
  }
  for (let i = 0; i < hole.length; i++) {
    const hi = index[i]!;
    if (hi < 0 || bestW[hi]! === 0) continue;
    const q = bestQ[hi]!,
      inv = sharpen === 1 ? 0 : 1 / wsum[hi]!;
    for (let c = 0; c < C; c++) data[i * C + c] = (1 - sharpen) * (acc[hi * C + c]! * inv) + sharpen * data[q + c]!;
  }
}
