// Runs in: renderer (pure). Mask coverage → overlay RGBA: the colour at ~45 % over the selected area and
// an opaque one-pixel outline where a selected pixel touches an unselected one.
import { SELECTED, type Mask } from '../../src-shared/masks';
import { hexToRgb } from './palette';

export const FILL_ALPHA = Math.round(0.45 * 255);

/**
 * Writes rect (clipped) of `mask` as RGBA into `out`: by default the same size as the mask; with `at`,
 * `out` is an image `at.width` wide whose (0, 0) is mask pixel (at.x, at.y).
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
  const [r, g, b] = hexToRgb(colour);
  const xa = Math.max(0, x0);
  const ya = Math.max(0, y0);
  const xb = Math.min(w, x1);
  const yb = Math.min(h, y1);
  for (let y = ya; y < yb; y++) {
    for (let x = xa; x < xb; x++) {
      const i = y * w + x;
      const v = data[i]!;
      const o = ((y - at.y) * at.width + (x - at.x)) * 4;
      if (v === 0) {
        out[o + 3] = 0;
        continue;
      }
      const inside = v >= SELECTED;
      const edge =
        inside &&
        (x === 0 || y === 0 || x === w - 1 || y === h - 1 || data[i - 1]! < SELECTED || data[i + 1]! < SELECTED || data[i - w]! < SELECTED || data[i + w]! < SELECTED);
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
      out[o + 3] = edge ? 255 : Math.round((v * FILL_ALPHA) / 255);
    }
  }
}
