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

/** Index of the first (dir 1) or last (dir -1) non-zero byte of `data`, -1 if none; 4 bytes at a time where aligned. */
function firstNonZero(data: Uint8Array, dir: 1 | -1): number {
  const n = data.length;
  const words = data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, n >> 2) : null;
  const tail = words ? words.length * 4 : 0;
  if (dir === 1) {
    if (words) {
      let k = 0;
      while (k < words.length && words[k] === 0) k++;
      if (k < words.length) for (let i = k * 4; ; i++) if (data[i] !== 0) return i;
    }
    for (let i = tail; i < n; i++) if (data[i] !== 0) return i;
    return -1;
  }
  for (let i = n - 1; i >= tail; i--) if (data[i] !== 0) return i;
  if (words) {
    let k = words.length - 1;
    while (k >= 0 && words[k] === 0) k--;
    if (k >= 0) for (let i = k * 4 + 3; ; i--) if (data[i] !== 0) return i;
  }
  return -1;
}

/** Bounding box of the mask's non-zero pixels; null when it is empty. */
export function maskBounds(mask: Mask): { x: number; y: number; width: number; height: number } | null {
  const { width: w, data } = mask;
  const first = firstNonZero(data, 1);
  if (first < 0 || w === 0) return null;
  const y0 = Math.floor(first / w);
  const y1 = Math.floor(firstNonZero(data, -1) / w);
  // Columns: each row is scanned only outside the box found so far.
  let x0 = first - y0 * w;
  let x1 = x0;
  for (let y = y0; y <= y1; y++) {
    const row = y * w;
    for (let x = 0; x < x0; x++) {
      if (data[row + x] !== 0) {
        x0 = x;
        break;
      }
    }
    for (let x = w - 1; x > x1; x--) {
      if (data[row + x] !== 0) {
        x1 = x;
        break;
      }
    }
  }
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}
