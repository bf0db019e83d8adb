// Runs in: every process (pure). The magic wand's colour test and flood fill on 8-bit sRGB rows.
// Colour distance is the "redmean" weighted RGB metric: on gamma-encoded sRGB (already roughly
// perceptual in lightness) it weights green most and shifts weight between red and blue with the pair's
// redness, which tracks CIE ΔE far better than plain RGB at the cost of three multiplies — no per-pixel
// Lab conversion (cube roots) and no 24 MP float buffers. Scaled so a grey step of n levels reads n.
// The fill is a 4-connected scanline fill with an explicit growable stack (no recursion). Edge-aware
// fills also refuse a step p → q whose local contrast exceeds a limit: q against p, and q against the
// pixel behind p when that one matches too (an edge blurred over two pixels still reads as one step).
// Inside a flat region every such contrast is 0, so a flat shape's extent never depends on the limit.

export interface WandImage {
  /** 8-bit sRGB, row-major, `channels` values per pixel. */
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** With 4 channels, fully transparent pixels (alpha 0) form their own colour class. */
  channels: 3 | 4;
}

/** 4608 × the squared distance of two colours (integers; exact 0 only for identical colours). */
export function dist2(r1: number, g1: number, b1: number, r2: number, g2: number, b2: number): number {
  const rs = r1 + r2, dr = r1 - r2, dg = g1 - g2, db = b1 - b2;
  return (1024 + rs) * dr * dr + 2048 * dg * dg + (1534 - rs) * db * db;
}
export const DIST2_SCALE = 4608;

/** What matches: colours within `tol2` (scaled as dist2) of `ref`, or transparent pixels when `clear`. */
export interface Matcher { ref: readonly [number, number, number]; clear: boolean; tol2: number }

// Pixel state bits: tested, matches the colour, in the selection.
const TESTED = 1, MATCH = 2, IN = 4;

/** Tests (and caches in `s`) whether pixel p matches; s is the per-pixel state array. */
function tester(img: WandImage, m: Matcher, s: Uint8Array): (p: number) => boolean {
  const d = img.data, ch = img.channels, [r0, g0, b0] = m.ref, clear = m.clear, tol2 = m.tol2;
  return (p) => {
    let v = s[p]!;
    if (v === 0) {
      const k = p * ch;
      if (ch === 4 && (d[k + 3] === 0) !== clear) v = TESTED;
      else v = clear || dist2(d[k]!, d[k + 1]!, d[k + 2]!, r0, g0, b0) <= tol2 ? TESTED | MATCH : TESTED;
      s[p] = v;
    }
    return (v & MATCH) !== 0;
  };
}

/** 255 for every matching pixel anywhere in the image (the non-contiguous wand). */
export function matchAll(img: WandImage, m: Matcher): Uint8Array {
  const n = img.width * img.height, s = new Uint8Array(n), ok = tester(img, m, s);
  for (let p = 0; p < n; p++) s[p] = ok(p) ? 255 : 0;
  return s;
}

/** 255 for every pixel the seed reaches through matching pixels (and, with edge2, low-contrast steps). */
export function floodFill(img: WandImage, m: Matcher, seed: number, edge2 = Infinity): Uint8Array {
  const { width: w, height: h, channels: ch, data: d } = img;
  const s = new Uint8Array(w * h), ok = tester(img, m, s), aware = edge2 !== Infinity && !m.clear;
  const far = (a: number, b: number): boolean => {
    const i = a * ch, j = b * ch;
    return dist2(d[i]!, d[i + 1]!, d[i + 2]!, d[j]!, d[j + 1]!, d[j + 2]!) > edge2;
  };
  /** May the fill step from p to q? pp is the pixel behind p (−1 when outside the image). */
  const link = (p: number, q: number, pp: number): boolean =>
    !aware || !(far(p, q) || (pp >= 0 && ok(pp) && far(pp, q)));
  let stack = new Int32Array(4096), n = 0;
  const push = (q: number): void => {
    if (n === stack.length) { const b = new Int32Array(n * 2); b.set(stack); stack = b; }
    stack[n++] = q;
  };
  if (ok(seed)) push(seed);
  while (n > 0) {
    const i = stack[--n]!;
    if (s[i]! & IN) continue;
    const y = (i / w) | 0, row = y * w;
    let l = i - row, r = l;
    while (l > 0 && !(s[row + l - 1]! & IN) && ok(row + l - 1) && link(row + l, row + l - 1, l + 1 < w ? row + l + 1 : -1)) l--;
    while (r < w - 1 && !(s[row + r + 1]! & IN) && ok(row + r + 1) && link(row + r, row + r + 1, r > 0 ? row + r - 1 : -1)) r++;
    for (let x = l; x <= r; x++) s[row + x]! |= IN;
    for (let dy = -1; dy <= 1; dy += 2) {
      const ny = y + dy, step = dy * w, behind = y - dy >= 0 && y - dy < h;
      if (ny < 0 || ny >= h) continue;
      let prev = false; // the pixel left of q is a candidate too
      for (let x = l; x <= r; x++) {
        const p = row + x, q = p + step;
        const c = !(s[q]! & IN) && ok(q) && link(p, q, behind ? p - step : -1);
        // One push per horizontally linked run of candidates: extending from its first pixel covers the rest.
        if (c && !(prev && link(q - 1, q, x >= 2 ? q - 2 : -1))) push(q);
        prev = c;
      }
    }
  }
  for (let p = 0; p < s.length; p++) s[p] = s[p]! & IN ? 255 : 0;
  return s;
}
