// Runs in: every process (pure). The magic wand's image type and colour test on 8-bit sRGB rows.
// Colour distance is the "redmean" weighted RGB metric: on gamma-encoded sRGB (already roughly
// perceptual in lightness) it weights green most and shifts weight between red and blue with the pair's
// redness, which tracks CIE ΔE far better than plain RGB at the cost of three multiplies — no per-pixel
// Lab conversion (cube roots) and no 24 MP float buffers. Scaled so a grey step of n levels reads n.

export interface WandImage {
  /** 8-bit sRGB, row-major, `channels` values per pixel. */
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** With 4 channels, fully transparent pixels (alpha 0) form their own colour class. */
  channels: 3 | 4;
}

/** DIST2_SCALE × the squared distance of two colours (integers in, integer out; 0 only when identical). */
export function dist2(r1: number, g1: number, b1: number, r2: number, g2: number, b2: number): number {
  const rs = r1 + r2,
    dr = r1 - r2,
    dg = g1 - g2,
    db = b1 - b2;
  return (1024 + rs) * dr * dr + 2048 * dg * dg + (1534 - rs) * db * db;
}
export const DIST2_SCALE = 4608;

/** dist2 between pixels i and j. */
export function pairDist2(d: ArrayLike<number>, ch: number, i: number, j: number): number {
  const u = i * ch,
    v = j * ch;
  return dist2(d[u]!, d[u + 1]!, d[u + 2]!, d[v]!, d[v + 1]!, d[v + 2]!);
}

/**
 * What matches: colours within `tol2` (scaled as dist2) of `ref`, or transparent pixels when `clear`.
 * A pixel whose own distance lies within the noise band (lo2, hi2] is judged by its 3×3 mean instead, so
 * noise cannot fray the region's border or punch pinholes; noise-free images have an empty band.
 */
export interface Matcher {
  readonly ref: readonly [number, number, number];
  readonly clear: boolean;
  readonly tol2: number;
  lo2: number;
  hi2: number;
}

/** dist2 from the 3×3 mean around (x, y) (clipped to the image) to the colour (r0, g0, b0). */
export function meanDist2(img: WandImage, x: number, y: number, r0: number, g0: number, b0: number): number {
  const { width: w, height: h, channels: ch, data: d } = img;
  if (x > 0 && y > 0 && x < w - 1 && y < h - 1) {
    // interior: nine taps, no clipping
    const s = w * ch,
      k = (y * w + x) * ch;
    let r = 0,
      g = 0,
      b = 0;
    for (let j = k - s; j <= k + s; j += s)
      for (let o = j - ch; o <= j + ch; o += ch) {
        r += d[o]!;
        g += d[o + 1]!;
        b += d[o + 2]!;
      }
    return dist2(r / 9, g / 9, b / 9, r0, g0, b0);
  }
  let r = 0,
    g = 0,
    b = 0,
    n = 0;
  for (let j = Math.max(0, y - 1); j <= Math.min(h - 1, y + 1); j++) {
    for (let i = Math.max(0, x - 1), k = (j * w + i) * ch; i <= Math.min(w - 1, x + 1); i++, k += ch) {
      r += d[k]!;
      g += d[k + 1]!;
      b += d[k + 2]!;
      n++;
    }
  }
  return dist2(r / n, g / n, b / n, r0, g0, b0);
}

/** Whether pixel p (at row y) matches m. */
export function matches(img: WandImage, m: Matcher, p: number, y: number): boolean {
  const d = img.data,
    k = p * img.channels;
  if (img.channels === 4 && (d[k + 3] === 0) !== m.clear) return false;
  if (m.clear) return true;
  const dd = dist2(d[k]!, d[k + 1]!, d[k + 2]!, m.ref[0], m.ref[1], m.ref[2]);
  return dd <= m.lo2 || (dd <= m.hi2 && meanDist2(img, p - y * img.width, y, m.ref[0], m.ref[1], m.ref[2]) <= m.tol2);
}
