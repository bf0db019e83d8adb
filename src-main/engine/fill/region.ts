// Runs in: engine process and the fill worker thread (pure). Checks a request and picks the rectangles
// a fill works on: the mask's bounding box, and a context crop around it that holds the source pixels.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { FillImage, FillRequest, Plane, Rect } from './types';

export function cancelled(): AnyfillError {
  return new AnyfillError('CANCELLED', 'The fill was cancelled.');
}

export interface CheckedMask {
  hole: Uint8Array;
  area: number;
  bbox: Rect;
}

/** The mask as 0/1 with its area and bounding box; throws BAD_REQUEST for masks no fill can serve. */
export function checkRequest(req: FillRequest): CheckedMask {
  const { image, mask } = req;
  const { width: w, height: h, channels } = image;
  if (
    !(Number.isInteger(w) && Number.isInteger(h) && w > 0 && h > 0) ||
    (channels !== 3 && channels !== 4) ||
    image.data.length !== w * h * channels
  ) {
    throw new AnyfillError(
      'BAD_REQUEST',
      'The image to fill is not a valid 8-bit RGB or RGBA image.',
      `${w}×${h}×${channels}, ${image.data.length} bytes`,
    );
  }
  if (req.method !== 'patchmatch' && req.method !== 'telea' && req.method !== 'migan' && req.method !== 'lama')
    throw new AnyfillError('BAD_REQUEST', `Unknown fill method "${String(req.method)}".`);
  if (mask.length !== w * h) {
    throw new AnyfillError(
      'BAD_REQUEST',
      `The mask does not match the image: it has ${mask.length} pixels, the image ${w}×${h} = ${w * h}.`,
    );
  }
  const hole = new Uint8Array(w * h);
  let area = 0,
    x0 = w,
    y0 = h,
    x1 = -1,
    y1 = -1;
  // Four mask bytes at a time while none is >= 128: a Remove's mask is mostly empty, and this scan of
  // every pixel of a 12 MP photo was a tenth of a second per Remove.
  const words = mask.byteOffset % 4 === 0 ? new Uint32Array(mask.buffer, mask.byteOffset, mask.length >> 2) : null;
  for (let y = 0; y < h; y++) {
    for (let x = 0, i = y * w; x < w; x++, i++) {
      if (words && (i & 3) === 0 && x + 4 <= w && (words[i >> 2]! & 0x80808080) === 0) {
        x += 3;
        i += 3;
        continue;
      }
      if (mask[i]! < 128) continue;
      hole[i] = 1;
      area++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  if (area === 0) throw new AnyfillError('BAD_REQUEST', 'The selection is empty: select the area to fill first.');
  // A fill needs something to copy from: at least 1 % of the image (and a few hundred pixels) unselected.
  if (w * h - area < Math.max(256, 0.01 * w * h)) {
    throw new AnyfillError(
      'BAD_REQUEST',
      'The selection covers (nearly) the whole image, so there is nothing left to fill it from; select a smaller area.',
    );
  }
  return { hole, area, bbox: { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 } };
}

/** r grown by m on every side, clamped to the w × h image. */
export function growRect(r: Rect, m: number, w: number, h: number): Rect {
  const x = Math.max(0, r.x - m),
    y = Math.max(0, r.y - m);
  return { x, y, width: Math.min(w, r.x + r.width + m) - x, height: Math.min(h, r.y + r.height + m) - y };
}

/**
 * PatchMatch's source region: the hole's box grown by 3/4 of its larger side (at least 48 px), widened
 * until unmasked pixels outnumber the hole at least 3 : 1 or the crop is the whole image. Nearby
 * context is what the hole most likely continues, and a small crop keeps the search fast.
 */
export function contextRect(bbox: Rect, holeArea: number, w: number, h: number): Rect {
  let m = Math.max(48, Math.round(0.75 * Math.max(bbox.width, bbox.height)));
  for (;;) {
    const r = growRect(bbox, m, w, h);
    if (r.width === w && r.height === h) return r;
    if (r.width * r.height - holeArea >= 3 * holeArea) return r;
    m = Math.round(m * 1.5);
  }
}

/** The image's pixels inside r as a float plane. */
export function cropPlane(image: FillImage, r: Rect): Plane {
  const C = image.channels,
    out = new Float32Array(r.width * r.height * C);
  for (let y = 0; y < r.height; y++) {
    const src = ((r.y + y) * image.width + r.x) * C;
    for (let k = 0; k < r.width * C; k++) out[y * r.width * C + k] = image.data[src + k]!;
  }
  return { data: out, width: r.width, height: r.height, channels: C };
}

/** mask values inside r (same layout as cropPlane). */
export function cropMask(mask: Uint8Array, w: number, r: Rect): Uint8Array {
  const out = new Uint8Array(r.width * r.height);
  for (let y = 0; y < r.height; y++) out.set(mask.subarray((r.y + y) * w + r.x, (r.y + y) * w + r.x + r.width), y * r.width);
  return out;
}
