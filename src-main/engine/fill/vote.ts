// Runs in: engine process and the fill worker thread (pure). The EM step of Wexler et al. (2007): every
// hole pixel becomes the weighted mean of what each overlapping target patch's source says it should be.
// Weights: confidence 1.3^-depth (patches nearer the known border are more trustworthy). No similarity
// term: it let flat, near-perfect matches inside the hole outvote the border (large holes went to asphalt).
import { distanceSquared } from '../../../src-shared/masks';
import { R, type Field } from './nnf';

const MAX_DEPTH = 60; // beyond, confidences would underflow; equal weights are fine that deep

/** Per-pixel confidence 1.3^-(distance to the nearest known pixel) for one level. */
export function confidence(hole: Uint8Array, w: number, h: number): Float32Array {
  const d2 = distanceSquared({ width: w, height: h, data: hole.map((v) => (v ? 255 : 0)) }, false);
  const out = new Float32Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = Math.pow(1.3, -Math.min(MAX_DEPTH, Math.sqrt(d2[i]!)));
  return out;
}

/** Rewrites the hole pixels of the field's level from its current NNF. */
export function vote(f: Field, conf: Float32Array, sharpen = 0): void {
  const { w, nnf, targets } = f;
  const { data, channels: C } = f.level.plane, hole = f.level.hole;
  const index = new Int32Array(w * f.h).fill(-1);
  let n = 0;
  for (let i = 0; i < hole.length; i++) if (hole[i]) index[i] = n++;
  const acc = new Float64Array(n * C), wsum = new Float64Array(n), bestW = new Float64Array(n), bestQ = new Int32Array(n);
  for (const t of targets) {
    const s = nnf[t]!;
    const wt = conf[t]! + 1e-30;
    for (let dy = -R; dy <= R; dy++) {
      for (let dx = -R; dx <= R; dx++) {
        const hi = index[t + dy * w + dx]!;
        if (hi < 0) continue;
        const q = (s + dy * w + dx) * C;
        for (let c = 0; c < C; c++) acc[hi * C + c]! += wt * data[q + c]!;
        wsum[hi]! += wt;
        if (wt > bestW[hi]!) { bestW[hi] = wt; bestQ[hi] = q; }
      }
    }
  }
  for (let i = 0; i < hole.length; i++) {
    const hi = index[i]!;
    if (hi < 0 || wsum[hi]! === 0) continue;
    const q = bestQ[hi]!;
    for (let c = 0; c < C; c++) data[i * C + c] = (1 - sharpen) * (acc[hi * C + c]! / wsum[hi]!) + sharpen * data[q + c]!;
  }
}
