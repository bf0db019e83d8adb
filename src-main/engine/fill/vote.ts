// Runs in: engine process and the fill worker thread (pure). The EM step of Wexler et al. (2007): every
// hole pixel becomes the weighted mean of what each overlapping target patch's source says it should be.
// Weights: similarity exp(-d / 2σ²) (σ² a high percentile of this level's patch errors, so good matches
// dominate) times confidence 1.3^-depth (patches nearer the known border are more trustworthy).
import { distanceSquared } from '../../../src-shared/masks';
import { R, type Field } from './nnf';

const P = 2 * R + 1;
const MAX_DEPTH = 60; // beyond, confidences would underflow; equal weights are fine that deep

/** Per-pixel confidence 1.3^-(distance to the nearest known pixel) for one level. */
export function confidence(hole: Uint8Array, w: number, h: number): Float32Array {
  const d2 = distanceSquared({ width: w, height: h, data: hole.map((v) => (v ? 255 : 0)) }, false);
  const out = new Float32Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = Math.pow(1.3, -Math.min(MAX_DEPTH, Math.sqrt(d2[i]!)));
  return out;
}

/** Rewrites the hole pixels of the field's level from its current NNF; returns the σ² used. */
export function vote(f: Field, conf: Float32Array, sharpen = 0): number {
  const { w, nnf, nnd, targets } = f;
  const { data, channels: C } = f.level.plane, hole = f.level.hole;
  const index = new Int32Array(w * f.h).fill(-1);
  let n = 0;
  for (let i = 0; i < hole.length; i++) if (hole[i]) index[i] = n++;
  const acc = new Float64Array(n * C), wsum = new Float64Array(n), bestW = new Float64Array(n), bestQ = new Int32Array(n);
  const sigma2 = percentileError(nnd, targets, C, 0.5);
  for (const t of targets) {
    const s = nnf[t]!;
    const wt = Math.exp(-nnd[t]! / (P * P * C) / (2 * sigma2)) * conf[t]! + 1e-30;
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
  return sigma2;
}

/** The q-quantile of per-value squared patch error over (a sample of) the targets. */
function percentileError(nnd: Float32Array, targets: Int32Array, C: number, q: number): number {
  const stride = Math.max(1, Math.floor(targets.length / 4096));
  const sample: number[] = [];
  for (let k = 0; k < targets.length; k += stride) sample.push(nnd[targets[k]!]! / (P * P * C));
  sample.sort((a, b) => a - b);
  return Math.max(1, sample[Math.min(sample.length - 1, Math.floor(q * sample.length))] ?? 1);
}
