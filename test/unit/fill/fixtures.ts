// Runs in: test tooling. Synthetic images for the fill tests (stripes, checkerboard, seeded noise texture,
// smooth gradient), real-photo crops, and a helper that fills and composites in one call.
import sharp from 'sharp';
import path from 'node:path';
import { fillSync } from '../../../src-main/engine/fill/fill';
import { pastePatch } from '../../../src-main/engine/images/paste-patch';
import type { FillImage, FillMethod, FillResult } from '../../../src-main/engine/fill/types';
import { SHARED_IMAGES } from '../../helpers/images';

export function synth(w: number, h: number, rgb: (x: number, y: number) => [number, number, number]): FillImage {
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(rgb(x, y), (y * w + x) * 3);
  return { data, width: w, height: h, channels: 3 };
}

/** Vertical stripes, `period` px per light+dark pair. */
export const stripes = (w: number, h: number, period = 16) =>
  synth(w, h, (x) => (Math.floor((2 * x) / period) % 2 ? [220, 200, 40] : [30, 40, 200]));
export const checker = (w: number, h: number, cell = 10) =>
  synth(w, h, (x, y) => ((Math.floor(x / cell) + Math.floor(y / cell)) % 2 ? [200, 200, 200] : [50, 50, 50]));
export const gradient = (w: number, h: number) =>
  synth(w, h, (x, y) => [Math.round((200 * x) / w) + 20, Math.round((200 * y) / h) + 20, Math.round((100 * (x + y)) / (w + h)) + 60]);

/** A seeded organic texture: value noise at two scales plus grain, different per channel. */
export function noiseTexture(w: number, h: number, seed = 1): FillImage {
  let s = seed >>> 0;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const grid = (cell: number) => {
    const gw = Math.ceil(w / cell) + 2,
      g = Float64Array.from({ length: gw * (Math.ceil(h / cell) + 2) }, rand);
    return (x: number, y: number) => {
      const fx = x / cell,
        fy = y / cell,
        ix = Math.floor(fx),
        iy = Math.floor(fy),
        tx = fx - ix,
        ty = fy - iy;
      const at = (a: number, b: number) => g[b * gw + a]!;
      return (at(ix, iy) * (1 - tx) + at(ix + 1, iy) * tx) * (1 - ty) + (at(ix, iy + 1) * (1 - tx) + at(ix + 1, iy + 1) * tx) * ty;
    };
  };
  const a = grid(9),
    b = grid(4);
  return synth(w, h, (x, y) => {
    const v = 0.6 * a(x, y) + 0.4 * b(x, y),
      grain = rand() * 30 - 15;
    return [clamp(60 + 150 * v + grain), clamp(90 + 100 * v + grain), clamp(40 + 60 * (1 - v) + grain)];
  });
}
const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

export function rectMask(w: number, h: number, x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const m = new Uint8Array(w * h);
  for (let y = y0; y < y1; y++) m.fill(255, y * w + x0, y * w + x1);
  return m;
}

/** A line of the given half-thickness from (x0, y0) to (x1, y1): a scratch. */
export function scratchMask(w: number, h: number, x0: number, y0: number, x1: number, y1: number, half = 1.5): Uint8Array {
  const m = new Uint8Array(w * h),
    dx = x1 - x0,
    dy = y1 - y0,
    len2 = dx * dx + dy * dy;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / len2));
      if ((x - x0 - t * dx) ** 2 + (y - y0 - t * dy) ** 2 <= half * half) m[y * w + x] = 255;
    }
  return m;
}

export interface Filled {
  result: FillResult;
  out: Uint8Array;
  img: FillImage;
}
export function fillAndPaste(img: FillImage, mask: Uint8Array, method: FillMethod, seed = 1): Filled {
  const result = fillSync({ image: img, mask, method, seed });
  return { result, out: pastePatch(img, result), img };
}
export const asImg = (f: Filled) => ({ ...f.img, data: f.out });

/** A crop of one of the shared photos (optionally resized first), as RGB. */
export async function photo(
  name: string,
  crop?: { left: number; top: number; width: number; height: number },
  resize?: [number, number],
): Promise<FillImage> {
  let s = sharp(path.join(SHARED_IMAGES, name));
  if (resize) s = sharp(await s.resize(resize[0], resize[1], { fit: 'fill' }).toBuffer());
  if (crop) s = s.extract(crop);
  const { data, info } = await s.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 };
}

/** Root-mean-square error over the mask's pixels between two images. */
export function rmsInMask(a: Uint8Array, b: Uint8Array, mask: Uint8Array, C = 3): number {
  let sum = 0,
    n = 0;
  for (let i = 0; i < mask.length; i++)
    if (mask[i]! >= 128)
      for (let c = 0; c < C; c++) {
        sum += (a[i * C + c]! - b[i * C + c]!) ** 2;
        n++;
      }
  return Math.sqrt(sum / n);
}
