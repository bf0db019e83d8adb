// Runs in: engine process and the fill worker thread (pure). Dominant patch offsets (He & Sun 2012,
// "Statistics of patch offsets"): every known patch is matched to its most similar known patch at least a
// patch away; the most frequent offsets are the shifts under which the picture repeats itself (the car's
// body along itself, the kerb and road markings along the road). Tried as candidates when filling, they let
// a large hole continue the structure around it instead of settling on the blandest texture in the crop.
import { patchDistance, R, type Field } from './nnf';
import { randInt, type Rng } from './rng';

const MIN_SHIFT = 2 * R + 1; // closer matches are mostly the patch overlapping itself
const SWEEPS = 2;

/** Up to k dominant offsets of the field's known region, as dx, dy pairs. */
export function dominantOffsets(f: Field, rng: Rng, k: number): Int32Array {
  const { w, h, srcOk, sources } = f;
  const { data, channels: C } = f.level.plane;
  if (sources.length < 2) return new Int32Array(0);
  const far = (a: number, b: number) => {
    const ax = a % w,
      bx = b % w;
    return Math.max(Math.abs(ax - bx), Math.abs((a - ax) / w - (b - bx) / w)) >= MIN_SHIFT;
  };
  const nn = new Int32Array(w * h).fill(-1),
    nd = new Float32Array(w * h);
  for (const s of sources) {
    let c = sources[randInt(rng, sources.length)]!;
    for (let tries = 0; tries < 8 && !far(s, c); tries++) c = sources[randInt(rng, sources.length)]!;
    nn[s] = c;
    nd[s] = far(s, c) ? patchDistance(data, w, C, s, c, Infinity) : Infinity;
  }
  for (let it = 0; it < SWEEPS; it++) {
    const fwd = it % 2 === 0,
      n = sources.length,
      dx = fwd ? 1 : -1,
      dy = fwd ? w : -w;
    for (let k2 = fwd ? 0 : n - 1; k2 >= 0 && k2 < n; k2 += fwd ? 1 : -1) {
      const s = sources[k2]!;
      let best = nn[s]!,
        bd = nd[s]!;
      const consider = (c: number) => {
        if (c < 0 || c >= srcOk.length || !srcOk[c] || c === best || !far(s, c)) return;
        const d = patchDistance(data, w, C, s, c, bd);
        if (d < bd) {
          bd = d;
          best = c;
        }
      };
      // Propagation keeps the neighbour's offset; random search looks around the best so far.
      if (nn[s - dx]! >= 0) consider(nn[s - dx]! + dx);
      if (s - dy >= 0 && nn[s - dy]! >= 0) consider(nn[s - dy]! + dy);
      const bx = best % w,
        by = (best - bx) / w;
      for (let rad = Math.max(w, h); rad >= 1; rad >>= 1) {
        const x = bx + randInt(rng, 2 * rad + 1) - rad,
          y = by + randInt(rng, 2 * rad + 1) - rad;
        if (x >= 0 && y >= 0 && x < w && y < h) consider(y * w + x);
      }
      nn[s] = best;
      nd[s] = bd;
    }
  }
  return peaks(nn, sources, w, k);
}

/** The k most frequent offsets, each at least 2 px (Chebyshev) from those already picked. */
function peaks(nn: Int32Array, sources: Int32Array, w: number, k: number): Int32Array {
  // dy, dx packed as dy * 65536 + dx (|dx| < 32768)
  const counts = new Map<number, number>();
  for (const s of sources) {
    const sx = s % w,
      c = nn[s]!,
      cx = c % w;
    const key = ((c - cx) / w - (s - sx) / w) * 65536 + (cx - sx);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const sorted = [...counts.entries()].filter(([, n]) => n >= 3).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const picked: Array<[number, number]> = [];
  for (const [key] of sorted) {
    if (picked.length >= k) break;
    const dy = Math.round(key / 65536),
      dx = key - dy * 65536;
    if (picked.every(([px, py]) => Math.max(Math.abs(px - dx), Math.abs(py - dy)) > 2)) picked.push([dx, dy]);
  }
  return Int32Array.from(picked.flat());
}
