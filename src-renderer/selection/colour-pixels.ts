// Runs in: renderer (pure). Mask coverage → overlay RGBA: the colour at ~45 % over the selected area and
// an opaque one-pixel outline where a selected pixel touches an unselected one.
import { SELECTED, type Mask } from '../../src-shared/masks';
import { hexToRgb } from './palette';

export const FILL_ALPHA = Math.round(0.45 * 255);

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** r, g, b, a as one pixel of a Uint32Array view on RGBA bytes. */
function packed(r: number, g: number, b: number, a: number): number {
  return LITTLE_ENDIAN ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}

/** Per coverage value, the fill pixel (index 0: transparent); one table per colour, as colours are few. */
const fills = new Map<string, { fill: Uint32Array; edge: number }>();
function paletteOf(colour: string): { fill: Uint32Array; edge: number } {
  let p = fills.get(colour);
  if (!p) {
    const [r, g, b] = hexToRgb(colour);
    const fill = Uint32Array.from({ length: 256 }, (_, v) => (v === 0 ? 0 : packed(r, g, b, Math.round((v * FILL_ALPHA) / 255))));
    p = { fill, edge: packed(r, g, b, 255) };
    fills.set(colour, p);
  }
  return p;
}

/**
 * Writes rect (clipped) of `mask` as RGBA into `out`: by default the same size as the mask; with `at`,
 * `out` is an image `at.width` wide whose (0, 0) is mask pixel (at.x, at.y). One 32-bit store per pixel
 * (this runs in the frame that shows a click's mask).
 */
export function colourizeRect(
  mask: Mask,
  out: Uint8ClampedArray,
  colour: string,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  at: { x: number; y: number; width: number } = { x: 0, y: 0, width: mask.width },
): void {
  const { width: w, height: h, data } = mask;
  const { fill, edge } = paletteOf(colour);
  const xa = Math.max(0, x0);
  const ya = Math.max(0, y0);
  const xb = Math.min(w, x1);
  const yb = Math.min(h, y1);
  const stride = at.width;
  const px = out.byteOffset % 4 === 0 ? new Uint32Array(out.buffer, out.byteOffset, out.byteLength >> 2) : null;
  // Four mask pixels at a time where rows are word-aligned: empty words, and words wholly inside with
  // their rows above and below (no outline there), are decided without looking at each pixel.
  const words = px && w % 4 === 0 && data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : null;
  const rowWords = w >> 2;
  const clear = fill[0]!;
  const solid = fill[255]!;
  for (let y = ya; y < yb; y++) {
    const row = y * w;
    // Whole rows at the mask's top or bottom are outline where selected; otherwise the four neighbours say.
    const border = y === 0 || y === h - 1;
    let o = (y - at.y) * stride + (xa - at.x);
    let x = xa;
    while (x < xb) {
      const i = row + x;
      if (words && !border && (i & 3) === 0 && x > 0 && x + 4 < xb && x + 4 < w) {
        const k = i >> 2;
        const c = words[k]!;
        if (c === 0) {
          px![o] = px![o + 1] = px![o + 2] = px![o + 3] = clear;
          x += 4;
          o += 4;
          continue;
        }
        if (
          c === 0xffffffff &&
          words[k - rowWords] === 0xffffffff &&
          words[k + rowWords] === 0xffffffff &&
          data[i - 1]! >= SELECTED &&
          data[i + 4]! >= SELECTED
        ) {
          px![o] = px![o + 1] = px![o + 2] = px![o + 3] = solid;
          x += 4;
          o += 4;
          continue;
        }
      }
      const v = data[i]!;
      let p = fill[v]!;
      if (
        v >= SELECTED &&
        (border ||
          x === 0 ||
          x === w - 1 ||
          data[i - 1]! < SELECTED ||
          data[i + 1]! < SELECTED ||
          data[i - w]! < SELECTED ||
          data[i + w]! < SELECTED)
      )
        p = edge;
      if (px) px[o] = p;
      else writePixel(out, o * 4, p);
      x++;
      o++;
    }
  }
}

function writePixel(out: Uint8ClampedArray, o: number, p: number): void {
  const bytes = LITTLE_ENDIAN
    ? [p & 255, (p >>> 8) & 255, (p >>> 16) & 255, p >>> 24]
    : [p >>> 24, (p >>> 16) & 255, (p >>> 8) & 255, p & 255];
  out.set(bytes, o);
}
