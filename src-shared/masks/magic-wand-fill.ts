// Runs in: every process (pure). The magic wand's flood fill: 4-connected scanline spans with an explicit
// growable stack (no recursion) over the per-row bits of magic-wand-rows.ts. Without an edge limit every
// step between matching pixels is open; with one, steps across sharp local contrast are closed.
import { type Matcher, type WandImage } from './magic-wand-colour';
import * as bits from './magic-wand-rows';

// Local copies: imported bindings are property getters under some module loaders, far too slow per pixel.
const { H_OK, H_THRU, MATCH, Rows, V_OK, V_THRU } = bits;

/** 255 for every matching pixel anywhere in the image (the non-contiguous wand). */
export function matchAll(img: WandImage, m: Matcher): Uint8Array {
  const rows = new Rows(img, m, Infinity),
    s = rows.s;
  for (let y = 0; y < img.height; y++) rows.match(y);
  for (let p = 0; p < s.length; p++) s[p] = s[p]! & MATCH ? 255 : 0;
  return s;
}

/**
 * 255 for every pixel that the seeds reach through matching pixels (and, with edge2, open steps).
 * Seeds that do not match are ignored.
 */
export function floodFill(img: WandImage, m: Matcher, seeds: readonly number[], edge2 = Infinity): Uint8Array {
  const { width: w, height: h } = img,
    rows = new Rows(img, m, edge2),
    s = rows.s,
    out = new Uint8Array(w * h);
  // Without edges MATCH alone says a step is open, and nothing is ever "through" an edge.
  const plain = edge2 === Infinity || m.clear;
  const HO = plain ? MATCH : H_OK,
    HT = plain ? 0 : H_THRU,
    VO = plain ? MATCH : V_OK,
    VT = plain ? 0 : V_THRU;
  let stack = new Int32Array(4096),
    n = 0;
  const push = (q: number): void => {
    if (n === stack.length) {
      const b = new Int32Array(n * 2);
      b.set(stack);
      stack = b;
    }
    stack[n++] = q;
  };
  for (const seed of seeds) {
    rows.match((seed / w) | 0);
    if (s[seed]! & MATCH) push(seed);
  }
  const prepare = (y: number): void => {
    if (plain) {
      rows.match(y);
      return;
    }
    rows.horizontal(y);
    rows.vertical(y - 1);
    rows.vertical(y);
    rows.verticalThrough(y);
  };
  while (n > 0) {
    const i = stack[--n]!;
    if (out[i]) continue;
    const y = (i / w) | 0,
      row = y * w;
    prepare(y);
    let l = i - row,
      r = l;
    // Leftward x → x − 1 needs the pair's H_OK (kept on x − 1) and x not in an edge's middle.
    while (l > 0 && s[row + l - 1]! & HO && !(s[row + l]! & HT) && !out[row + l - 1]) l--;
    while (r < w - 1 && s[row + r]! & HO && !(s[row + r]! & HT) && s[row + r + 1]! & MATCH && !out[row + r + 1]) r++;
    out.fill(255, row + l, row + r + 1);
    for (let dy = -1; dy <= 1; dy += 2) {
      const ny = y + dy;
      if (ny < 0 || ny >= h) continue;
      prepare(ny);
      const nrow = ny * w,
        upper = dy < 0 ? nrow : row; // V_OK lives on the upper pixel of a pair
      let prev = false; // the pixel left of q was a candidate
      for (let x = l; x <= r; x++) {
        const q = nrow + x;
        const c = (s[q]! & MATCH) !== 0 && (s[upper + x]! & VO) !== 0 && !(s[row + x]! & VT) && !out[q];
        // One push per run of candidates joined by open rightward steps: extending from its first covers the rest.
        if (c && !(prev && s[q - 1]! & HO && !(s[q - 1]! & HT))) push(q);
        prev = c;
      }
    }
  }
  return out;
}
