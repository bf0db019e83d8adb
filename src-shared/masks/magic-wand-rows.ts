// Runs in: every process (pure). The per-pixel bits the magic wand's flood fill reads, computed a row at
// a time when the fill first needs that row, so a small region stays cheap on a 24 MP image.
// A step a → b between matching pixels is open when a and b differ by at most the edge limit and the
// pixels either side of a (the one behind a, and b) do too when both match: an edge blurred over two
// pixels still reads as one step. The fill may enter a pixel in the middle of such an edge but not leave
// it onwards, so it stops at the edge's first pixel whichever side it comes from. The two-pixel span is
// only measured when one of its steps exceeds half the limit (otherwise the triangle inequality keeps it
// under). Inside a flat region every contrast is 0: a flat shape's extent never depends on the limit.
import { type Matcher, type WandImage, matches as matchesImport, pairDist2 as pairDist2Import } from './magic-wand-colour';

// Local copies: imported bindings are property getters under some module loaders, far too slow per pixel.
const matches = matchesImport,
  pairDist2 = pairDist2Import;

/** Pixel bits. MATCH; H_OK: x ↔ x + 1 within the limit; H_THRU: x − 1, x + 1 differ by more; likewise V. */
export const MATCH = 1,
  H_OK = 2,
  H_THRU = 4,
  V_OK = 8,
  V_THRU = 16;
const V_HALF = 32; // the step down exceeds half the limit
// Row flags: which bits the row has had computed.
const HAS_MATCH = 1,
  HAS_H = 2,
  HAS_V = 4,
  HAS_VTHRU = 8;

export class Rows {
  readonly s: Uint8Array;
  private readonly done: Uint8Array;
  private readonly half: number;
  constructor(
    private readonly img: WandImage,
    private readonly m: Matcher,
    private readonly edge2: number,
  ) {
    this.s = new Uint8Array(img.width * img.height);
    this.done = new Uint8Array(img.height);
    this.half = edge2 / 4;
  }

  private flag(y: number, f: number): boolean {
    if (y < 0 || y >= this.img.height || this.done[y]! & f) return false;
    this.done[y]! |= f;
    return true;
  }

  match(y: number): void {
    if (!this.flag(y, HAS_MATCH)) return;
    const img = this.img,
      m = this.m,
      s = this.s,
      w = img.width;
    for (let p = y * w, end = p + w; p < end; p++) if (matches(img, m, p, y)) s[p] = MATCH;
  }

  /** H_OK and H_THRU of row y, rolling over the steps x − 1 → x and x → x + 1 (−1: not both matching). */
  horizontal(y: number): void {
    if (!this.flag(y, HAS_H)) return;
    this.match(y);
    const { width: w, channels: ch, data: d } = this.img,
      s = this.s,
      e = this.edge2,
      q = this.half;
    const step = (p: number): number => (s[p]! & s[p + 1]! & MATCH ? pairDist2(d, ch, p, p + 1) : -1);
    let prev = -1;
    for (let x = 0, p = y * w; x < w; x++, p++) {
      const cur = x + 1 < w ? step(p) : -1;
      if (cur >= 0 && cur <= e) s[p]! |= H_OK;
      if (prev >= 0 && cur >= 0 && (prev > q || cur > q) && pairDist2(d, ch, p - 1, p + 1) > e) s[p]! |= H_THRU;
      prev = cur;
    }
  }

  /** V_OK and V_HALF of row y (steps to row y + 1). */
  vertical(y: number): void {
    if (y >= this.img.height - 1 || !this.flag(y, HAS_V)) return;
    this.match(y);
    this.match(y + 1);
    const { width: w, channels: ch, data: d } = this.img,
      s = this.s,
      e = this.edge2,
      q = this.half;
    for (let p = y * w, end = p + w; p < end; p++) {
      if (!(s[p]! & s[p + w]! & MATCH)) continue;
      const dd = pairDist2(d, ch, p, p + w);
      s[p]! |= (dd <= e ? V_OK : 0) | (dd > q ? V_HALF : 0);
    }
  }

  /** V_THRU of row y. */
  verticalThrough(y: number): void {
    if (y <= 0 || y >= this.img.height - 1 || !this.flag(y, HAS_VTHRU)) return;
    this.vertical(y - 1);
    this.vertical(y);
    const { width: w, channels: ch, data: d } = this.img,
      s = this.s,
      e = this.edge2;
    for (let p = y * w, end = p + w; p < end; p++) {
      const above = s[p - w]!,
        here = s[p]!;
      if (above & s[p + w]! & MATCH && (above | here) & V_HALF && pairDist2(d, ch, p - w, p + w) > e) s[p] = here | V_THRU;
    }
  }
}
