// Runs in: engine process and the fill worker thread (pure). Fast marching inpainting (Telea 2004):
// the hole is filled from its border inwards in order of distance T (narrow band in a min-heap); each new
// pixel is a weighted mean of known pixels within `radius`, weighted by direction (along the normal ∇T),
// geometric distance and level-set distance. The paper's first-order term (I(q) + ∇I(q)·(p − q)) is left
// out, as OpenCV effectively does too: on noisy photos it amplifies the noise layer after layer.
// Good for thin masks (scratches, wires); smooth but textureless on large ones.
import { MinHeap } from './heap';
import { cancelled } from './region';
import type { Plane } from './types';

const KNOWN = 0,
  BAND = 1,
  INSIDE = 2;
const FAR = 1e6;

/** Fills plane pixels where hole[i] != 0, in place. shouldStop is polled every few thousand pixels. */
export function teleaInpaint(
  plane: Plane,
  hole: Uint8Array,
  radius = 5,
  shouldStop?: () => boolean,
  onStep?: (filled: number) => void,
): void {
  const { width: w, height: h, channels: C, data } = plane;
  const flag = new Uint8Array(w * h),
    T = new Float32Array(w * h);
  const heap = new MinHeap(4096);
  for (let i = 0; i < w * h; i++)
    if (hole[i]) {
      flag[i] = INSIDE;
      T[i] = FAR;
    }
  // The band starts as the known pixels touching the hole, at T = 0.
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (flag[i] !== KNOWN) continue;
      if (
        (x > 0 && flag[i - 1] === INSIDE) ||
        (x < w - 1 && flag[i + 1] === INSIDE) ||
        (y > 0 && flag[i - w] === INSIDE) ||
        (y < h - 1 && flag[i + w] === INSIDE)
      ) {
        flag[i] = BAND;
        heap.push(0, i);
      }
    }
  }
  // Neighbourhood offsets within the radius, nearest first.
  const offs: number[] = [];
  const R = Math.max(1, Math.round(radius));
  for (let dy = -R; dy <= R; dy++) for (let dx = -R; dx <= R; dx++) if ((dx || dy) && dx * dx + dy * dy <= R * R) offs.push(dx, dy);
  const acc = new Float64Array(C);
  const notInside = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && flag[y * w + x] !== INSIDE;
  const tAt = (x: number, y: number) => (notInside(x, y) ? T[y * w + x]! : FAR);

  // Smallest solution of the eikonal |∇T| = 1 from one horizontal and one vertical neighbour.
  const solve = (x1: number, y1: number, x2: number, y2: number): number => {
    const k1 = notInside(x1, y1),
      k2 = notInside(x2, y2);
    if (k1 && k2) {
      const t1 = T[y1 * w + x1]!,
        t2 = T[y2 * w + x2]!;
      const d = 2 - (t1 - t2) * (t1 - t2);
      if (d > 0) {
        const r = Math.sqrt(d);
        let s = (t1 + t2 - r) / 2;
        if (s >= t1 && s >= t2) return s;
        s += r;
        if (s >= t1 && s >= t2) return s;
      }
      return 1 + Math.min(t1, t2);
    }
    if (k1) return 1 + T[y1 * w + x1]!;
    if (k2) return 1 + T[y2 * w + x2]!;
    return FAR;
  };

  const inpaint = (x: number, y: number): void => {
    const p = y * w + x,
      tp = T[p]!;
    const gxT = grad(tAt(x - 1, y), tp, tAt(x + 1, y)),
      gyT = grad(tAt(x, y - 1), tp, tAt(x, y + 1));
    acc.fill(0);
    let sum = 0;
    for (let k = 0; k < offs.length; k += 2) {
      const qx = x + offs[k]!,
        qy = y + offs[k + 1]!;
      if (!notInside(qx, qy)) continue;
      const q = qy * w + qx,
        rx = x - qx,
        ry = y - qy;
      const len2 = rx * rx + ry * ry,
        len = Math.sqrt(len2);
      // As in OpenCV's implementation: |r·∇T| / |r|³ / (1 + |ΔT|), i.e. mostly along the normal and near.
      let dir = Math.abs(rx * gxT + ry * gyT);
      if (dir < 0.01) dir = 1e-6;
      const wgt = dir / (len2 * len) / (1 + Math.abs(T[q]! - tp));
      for (let c = 0; c < C; c++) acc[c]! += wgt * data[q * C + c]!;
      sum += wgt;
    }
    if (sum > 0) for (let c = 0; c < C; c++) data[p * C + c] = acc[c]! / sum;
  };

  let filled = 0;
  while (heap.size > 0) {
    const i = heap.pop();
    if (flag[i] === KNOWN) continue;
    flag[i] = KNOWN;
    const x = i % w,
      y = (i - x) / w;
    for (let n = 0; n < 4; n++) {
      const nx = n === 0 ? x - 1 : n === 1 ? x + 1 : x,
        ny = n === 2 ? y - 1 : n === 3 ? y + 1 : y;
      if (nx < 0 || ny < 0 || nx >= w || ny >= h || flag[ny * w + nx] !== INSIDE) continue;
      const j = ny * w + nx;
      T[j] = Math.min(
        solve(nx - 1, ny, nx, ny - 1),
        solve(nx + 1, ny, nx, ny - 1),
        solve(nx - 1, ny, nx, ny + 1),
        solve(nx + 1, ny, nx, ny + 1),
      );
      inpaint(nx, ny); // before it joins the band, so neighbours' gradients never read its stale value
      flag[j] = BAND;
      heap.push(T[j]!, j);
      if ((++filled & 4095) === 0) {
        if (shouldStop?.()) throw cancelled();
        onStep?.(filled);
      }
    }
  }
}

/** Central difference where both sides are known, else one-sided, else 0 (unknown sides read FAR). */
function grad(before: number, at: number, after: number): number {
  const b = before < FAR,
    a = after < FAR;
  return a && b ? (after - before) / 2 : a ? after - at : b ? at - before : 0;
}
