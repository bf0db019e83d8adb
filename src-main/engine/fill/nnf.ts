// Runs in: engine process and the fill worker thread (pure). The nearest-neighbour field of one pyramid
// level (Barnes et al. 2009): for every target patch (a patch touching the hole) the centre of a fully
// known source patch, improved by propagation from scan-order neighbours and a random search at
// halving radii. Patches are (2R+1)² with R = 3; distances are SSD over all channels.
import { randInt, type Rng } from './rng';
import { dilateSquare, type Level } from './pyramid';

export const R = 3;
const P = 2 * R + 1;
/** The coarse parent first, then its 8 neighbours (dx, dy pairs). */
const AROUND = [0, 0, -1, 0, 1, 0, 0, -1, 0, 1, -1, -1, 1, -1, -1, 1, 1, 1];

export class Field {
  readonly w: number;
  readonly h: number;
  /** Source centre per target pixel (y * w + x); -1 where the pixel is no target. */
  readonly nnf: Int32Array;
  readonly nnd: Float32Array;
  readonly targets: Int32Array;
  /** 1 where a fully known patch is centred (a valid source). */
  readonly srcOk: Uint8Array;
  readonly sources: Int32Array;
  /** Dominant offsets (dx, dy pairs) every sweep tries as well; see offsets.ts. */
  shifts: Int32Array = new Int32Array(0);
  /** Weight of the distance penalty (0: none); see penalty(). */
  near = 0;

  constructor(readonly level: Level) {
    const { width: w, height: h } = level.plane;
    this.w = w;
    this.h = h;
    const touched = dilateSquare(level.hole, w, h, R);
    this.srcOk = new Uint8Array(w * h);
    // Two passes (count, then fill) so the index lists are typed arrays from the start.
    let nt = 0,
      ns = 0;
    for (let y = R; y < h - R; y++)
      for (let x = R, i = y * w + R; x < w - R; x++, i++)
        if (touched[i]) nt++;
        else ns++;
    this.targets = new Int32Array(nt);
    this.sources = new Int32Array(ns);
    nt = ns = 0;
    for (let y = R; y < h - R; y++) {
      for (let x = R, i = y * w + R; x < w - R; x++, i++) {
        if (touched[i]) this.targets[nt++] = i;
        else {
          this.srcOk[i] = 1;
          this.sources[ns++] = i;
        }
      }
    }
    this.nnf = new Int32Array(w * h).fill(-1);
    this.nnd = new Float32Array(w * h);
  }

  /** Random valid sources for every target. */
  randomInit(rng: Rng): void {
    for (const t of this.targets) this.nnf[t] = this.sources[randInt(rng, this.sources.length)]!;
    this.rescore();
  }

  /** Each target takes its coarse parent's source scaled by 2 (or a neighbour's, or a random one); not scored. */
  upsampleFrom(coarse: Field, rng: Rng): void {
    const { w, h } = this;
    for (const t of this.targets) {
      const x = t % w,
        y = (t - x) / w;
      let found = -1;
      for (let k = 0; k < 18 && found < 0; k += 2) {
        const cx = Math.min(coarse.w - 1, Math.max(0, (x >> 1) + AROUND[k]!)),
          cy = Math.min(coarse.h - 1, Math.max(0, (y >> 1) + AROUND[k + 1]!));
        const s = coarse.nnf[cy * coarse.w + cx]!;
        if (s < 0) continue;
        const sx0 = s % coarse.w,
          sy0 = (s - sx0) / coarse.w;
        // Keep the offset: the neighbour's source, shifted back by the neighbour's displacement.
        const sx = Math.min(w - 1 - R, Math.max(R, 2 * sx0 + (x - 2 * cx))),
          sy = Math.min(h - 1 - R, Math.max(R, 2 * sy0 + (y - 2 * cy)));
        if (this.srcOk[sy * w + sx]) found = sy * w + sx;
      }
      this.nnf[t] = found >= 0 ? found : this.sources[randInt(rng, this.sources.length)]!;
    }
  }

  /** Distances for the current image estimate (the hole changes after every vote). */
  rescore(): void {
    const d = this.level.plane.data,
      C = this.level.plane.channels;
    for (const t of this.targets) {
      const s = this.nnf[t]!;
      this.nnd[t] = patchDistance(d, this.w, C, t, s, Infinity) + this.penalty(t, s);
    }
  }

  /** near × squared distance between target and source: far-away look-alikes must be clearly better. */
  penalty(t: number, s: number): number {
    if (this.near === 0) return 0;
    const w = this.w,
      tx = t % w,
      sx = s % w,
      ty = (t - tx) / w,
      sy = (s - sx) / w;
    return this.near * ((tx - sx) * (tx - sx) + (ty - sy) * (ty - sy));
  }

  /** One PatchMatch sweep (forward or backward scan order); random search up to maxRadius (0: none). */
  sweep(forward: boolean, rng: Rng, maxRadius: number, shouldStop?: () => boolean): void {
    const { w, h, nnf, nnd, srcOk, targets, shifts, near } = this;
    const d = this.level.plane.data,
      C = this.level.plane.channels;
    const n = targets.length,
      step = forward ? 1 : -1,
      dx = forward ? 1 : -1,
      dy = forward ? w : -w;
    let t = 0,
      tx = 0,
      ty = 0,
      best = 0,
      bd = 0;
    const consider = (s: number): void => {
      if (s === best || !srcOk[s]) return;
      let pen = 0;
      if (near !== 0) {
        const sx = s % w,
          sy = (s - sx) / w;
        pen = near * ((tx - sx) * (tx - sx) + (ty - sy) * (ty - sy));
        if (pen >= bd) return;
      }
      const dd = patchDistance(d, w, C, t, s, bd - pen) + pen;
      if (dd < bd) {
        bd = dd;
        best = s;
      }
    };
    for (let k = forward ? 0 : n - 1, done = 0; k >= 0 && k < n; k += step, done++) {
      if ((done & 2047) === 0 && shouldStop?.()) return;
      t = targets[k]!;
      tx = t % w;
      ty = (t - tx) / w;
      best = nnf[t]!;
      bd = nnd[t]!;
      // Propagation: the neighbour already visited in this sweep, its source shifted by one pixel.
      const a = nnf[t - dx]!,
        b = nnf[t - dy]!;
      if (a >= 0) consider(a + dx);
      if (b >= 0) consider(b + dy);
      // Dominant offsets: continuing the picture's own repetitions, coherent across the hole.
      for (let j = 0; j < shifts.length; j += 2) {
        const sx = tx + shifts[j]!,
          sy = ty + shifts[j + 1]!;
        if (sx >= R && sy >= R && sx < w - R && sy < h - R) consider(sy * w + sx);
      }
      // Random search around the best so far, halving the window each time.
      const bx = best % w,
        by = (best - bx) / w;
      for (let rad = maxRadius; rad >= 1; rad >>= 1) {
        const sx = bx + randInt(rng, 2 * rad + 1) - rad,
          sy = by + randInt(rng, 2 * rad + 1) - rad;
        if (sx >= R && sy >= R && sx < w - R && sy < h - R) consider(sy * w + sx);
      }
      nnf[t] = best;
      nnd[t] = bd;
    }
  }
}

/** SSD between the patches centred at t and s; stops early once it reaches `bound`. */
export function patchDistance(d: Float32Array, w: number, C: number, t: number, s: number, bound: number): number {
  let sum = 0;
  const rowLen = P * C,
    stride = w * C;
  let ti = (t - R * w - R) * C,
    si = (s - R * w - R) * C;
  for (let y = 0; y < P; y++, ti += stride, si += stride) {
    for (let k = 0; k < rowLen; k++) {
      const e = d[ti + k]! - d[si + k]!;
      sum += e * e;
    }
    if (sum >= bound) return sum;
  }
  return sum;
}
