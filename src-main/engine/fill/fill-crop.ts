// Runs in: engine process (pure). Only the part of the image a fill reads goes to its worker: the crop
// fillSync would take anyway (so the result is the same bytes), copied out of the full image. On a
// 24-megapixel photo that is a few megabytes instead of ~100 MB of pixels and mask per fill.
import { workRects } from './fill';
import { checkRequest } from './region';
import type { FillRequest, FillResult } from './types';

export interface CroppedRequest {
  req: FillRequest;
  x: number;
  y: number;
}

/** The request cut down to its work crop (checked first: bad masks fail here, before any worker starts). */
export function cropRequest(req: FillRequest): CroppedRequest {
  const { crop } = workRects(req, checkRequest(req));
  const { width: w, channels: c } = req.image;
  const data = new Uint8Array(crop.width * crop.height * c);
  const mask = new Uint8Array(crop.width * crop.height);
  for (let y = 0; y < crop.height; y++) {
    const src = (crop.y + y) * w + crop.x;
    data.set(req.image.data.subarray(src * c, (src + crop.width) * c), y * crop.width * c);
    mask.set(req.mask.subarray(src, src + crop.width), y * crop.width);
  }
  return { req: { ...req, image: { data, width: crop.width, height: crop.height, channels: c }, mask }, x: crop.x, y: crop.y };
}

/** A result computed on the crop, placed back in the full image's coordinates. */
export const uncrop = (result: FillResult, { x, y }: CroppedRequest): FillResult => ({ ...result, x: result.x + x, y: result.y + y });
