// Runs in: engine process and the fill worker thread (pure). The coarsest level's first guess: an onion-peel
// fill that grows the hole's border inwards one layer at a time, each pixel copied from the source patch
// that best matches its *known* neighbours (masked SSD). Unlike a diffusion start, this carries edges and
// lines that cross the hole's border into it, so the EM iterations start from the right structure.
import { R, type Field } from './nnf';
import { randInt, type Rng } from './rng';

const RANDOM_TRIES = 16;

export function onionPeel(f: Field, rng: Rng): void {
  const { w, h, srcOk, sources } = f;
  const { data, channels: C } = f.level.plane,
    hole = f.level.hole;
  const known = new Uint8Array(w * h);
  let remaining = 0;
  for (let i = 0; i < known.length; i++) {
    if (hole[i]) remaining++;
    else known[i] = 1;
  }
  const offset = new Int32Array(w * h); // source index − pixel index, for propagation to the next layer
  const cx = (x: number) => Math.min(w - 1 - R, Math.max(R, x)),
    cy = (y: number) => Math.min(h - 1 - R, Math.max(R, y));
  // Mean squared difference over the known pixels of the patch at c versus the source patch at s.
  const masked = (c: number, s: number, bound: number): number => {
    let sum = 0,
      n = 0;
    for (let dy = -R; dy <= R; dy++) {
      for (let dx = -R; dx <= R; dx++) {
        const t = c + dy * w + dx;
        if (!known[t]) continue;
        const q = s + dy * w + dx;
        for (let k = 0; k < C; k++) {
          const e = data[t * C + k]! - data[q * C + k]!;
          sum += e * e;
        }
        n++;
      }
    }
    return n === 0 ? bound : sum / n;
  };
  while (remaining > 0) {
    const layer: number[] = [];
    for (let i = 0; i < hole.length; i++) {
      if (known[i]) continue;
      const x = i % w;
      if ((x > 0 && known[i - 1]) || (x < w - 1 && known[i + 1]) || (i >= w && known[i - w]) || (i + w < hole.length && known[i + w]))
        layer.push(i);
    }
    if (layer.length === 0) break; // unreachable: every hole pixel connects to the known region
    const picks = new Int32Array(layer.length);
    for (let k = 0; k < layer.length; k++) {
      const p = layer[k]!,
        x = p % w,
        y = (p - x) / w,
        c = cy(y) * w + cx(x);
      let best = sources[randInt(rng, sources.length)]!,
        bd = masked(c, best, Infinity);
      const consider = (s: number) => {
        if (s < 0 || s >= srcOk.length || !srcOk[s]) return;
        const d = masked(c, s, bd);
        if (d < bd) {
          bd = d;
          best = s;
        }
      };
      // Neighbours filled in earlier layers (or known pixels matched before): their offsets, and random tries.
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const q = p + dy * w + dx;
          if ((dx || dy) && x + dx >= 0 && x + dx < w && y + dy >= 0 && y + dy < h && known[q] && hole[q]) consider(c + offset[q]!);
        }
      // The dominant offsets (offsets.ts) continue the structures the picture repeats.
      for (let j = 0; j < f.shifts.length; j += 2) consider(cy(y + f.shifts[j + 1]!) * w + cx(x + f.shifts[j]!));
      for (let t = 0; t < RANDOM_TRIES; t++) consider(sources[randInt(rng, sources.length)]!);
      const bx = best % w,
        by = (best - bx) / w;
      for (let rad = Math.max(w, h) >> 2; rad >= 1; rad >>= 1)
        consider(cy(by + randInt(rng, 2 * rad + 1) - rad) * w + cx(bx + randInt(rng, 2 * rad + 1) - rad));
      picks[k] = best;
      offset[p] = best - c;
    }
    // The whole layer is written at once so its own order does not bias it.
    for (let k = 0; k < layer.length; k++) {
      const p = layer[k]!,
        x = p % w,
        y = (p - x) / w,
        c = cy(y) * w + cx(x);
      const src = picks[k]! + (p - c);
      for (let j = 0; j < C; j++) data[p * C + j] = data[src * C + j]!;
    }
    for (const p of layer) known[p] = 1;
    remaining -= layer.length;
  }
}
