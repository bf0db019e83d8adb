// Runs in: engine process. The in-memory form of decoded pixels, and how sharp reads it back.
import sharp, { type Sharp } from 'sharp';
import { MAX_PIXELS } from './limits';

/** 8-bit sRGB, rows top to bottom, no padding; 4 channels only when the image has alpha. */
export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

export function sharpFromPixels(p: Pixels): Sharp {
  return sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels }, limitInputPixels: MAX_PIXELS });
}
