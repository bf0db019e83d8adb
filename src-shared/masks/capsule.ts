// Runs in: every process (pure). Rasterizing one brush segment: the capsule a round brush sweeps from a
// to b, painted by distance to the segment, i.e. stamping at zero spacing: no gaps or scallops however
// far apart pointer events are. Each row visits only the span the capsule crosses there, so a long
// diagonal segment costs its area, not its bounding box. Pixel centres are at +0.5.
import type { BrushOptions, Mask, Point, Rect } from './types';

/** Dirty-rect accumulator: minX, minY, maxX, maxY of pixels whose value changed. */
export type Dirty = [number, number, number, number];

export const emptyDirty = (): Dirty => [Infinity, Infinity, -Infinity, -Infinity];
export const toRect = (d: Dirty): Rect | null =>
  d[2] < d[0] ? null : { x: d[0], y: d[1], width: d[2] - d[0] + 1, height: d[3] - d[1] + 1 };

/** Where the row y = cy crosses the capsule (segment a→b, radius r): writes [x0, x1] to out, or false. */
function rowSpan(a: Point, b: Point, r: number, cy: number, out: Float64Array): boolean {
  let lo = Infinity,
    hi = -Infinity;
  for (let e = 0; e < 2; e++) {
    // the two end discs
    const c = e === 0 ? a : b,
      d = cy - c.y;
    if (d * d <= r * r) {
      const s = Math.sqrt(r * r - d * d);
      lo = Math.min(lo, c.x - s);
      hi = Math.max(hi, c.x + s);
    }
  }
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  if (len > 0) {
    // the body: along ∈ [0, len] and across ∈ [-r, r], both linear in x on this row
    const ux = (b.x - a.x) / len,
      uy = (b.y - a.y) / len,
      dy = cy - a.y;
    let x0 = -Infinity,
      x1 = Infinity,
      ok = true;
    // along = (x - a.x)·ux + dy·uy
    if (Math.abs(ux) < 1e-12) ok = dy * uy >= 0 && dy * uy <= len;
    else {
      const p = (-dy * uy) / ux,
        q = (len - dy * uy) / ux;
      x0 = Math.min(p, q);
      x1 = Math.max(p, q);
    }
    // across = (x - a.x)·uy − dy·ux
    if (Math.abs(uy) < 1e-12) ok = ok && Math.abs(dy * ux) <= r;
    else {
      const p = (dy * ux - r) / uy,
        q = (dy * ux + r) / uy;
      x0 = Math.max(x0, Math.min(p, q));
      x1 = Math.min(x1, Math.max(p, q));
    }
    if (ok && x0 <= x1) {
      lo = Math.min(lo, a.x + x0);
      hi = Math.max(hi, a.x + x1);
    }
  }
  out[0] = lo;
  out[1] = hi;
  return lo <= hi;
}

/** Paints the capsule a→b into mask (pixel centres at +0.5), widening `dirty` to what changed. */
export function paintSegment(mask: Mask, a: Point, b: Point, o: BrushOptions, dirty: Dirty): void {
  const r = o.radius;
  const peak = Math.round(255 * Math.min(1, Math.max(0, o.opacity ?? 1)));
  if (!(r > 0) || peak === 0) return;
  const inner = r * Math.min(1, Math.max(0, o.hardness));
  const soft = r - inner,
    erase = o.mode === 'erase';
  const { width: w, height: h, data } = mask;
  const dx = b.x - a.x,
    dy = b.y - a.y,
    len2 = dx * dx + dy * dy;
  const span = new Float64Array(2);
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - r - 0.5)),
    y1 = Math.min(h - 1, Math.ceil(Math.max(a.y, b.y) + r - 0.5));
  for (let py = y0; py <= y1; py++) {
    const cy = py + 0.5;
    if (!rowSpan(a, b, r, cy, span)) continue;
    const x0 = Math.max(0, Math.floor(span[0]! - 0.5) - 1),
      x1 = Math.min(w - 1, Math.ceil(span[1]! - 0.5) + 1);
    for (let px = x0, i = py * w + x0; px <= x1; px++, i++) {
      const cx = px + 0.5;
      let t = len2 > 0 ? ((cx - a.x) * dx + (cy - a.y) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = cx - a.x - t * dx,
        ey = cy - a.y - t * dy,
        d2 = ex * ex + ey * ey;
      if (d2 > r * r) continue;
      let c = peak;
      if (d2 > inner * inner) {
        // smoothstep falloff from the hard core to the rim
        const u = (Math.sqrt(d2) - inner) / soft;
        c = Math.round(peak * (1 - u * u * (3 - 2 * u)));
      }
      const old = data[i]!,
        v = erase ? Math.min(old, 255 - c) : Math.max(old, c);
      if (v === old) continue;
      data[i] = v;
      if (px < dirty[0]) dirty[0] = px;
      if (py < dirty[1]) dirty[1] = py;
      if (px > dirty[2]) dirty[2] = px;
      if (py > dirty[3]) dirty[3] = py;
    }
  }
}
