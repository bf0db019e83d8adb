// Runs in: engine process and the fill worker thread (pure). The fill result becomes an RGBA patch whose
// alpha is 255 on the mask and ramps down over a few pixels outside it; pasting it back is
// images/paste-patch.ts, so everything beyond the ramp keeps its exact bytes.
import type { FillImage, FillPatch, Plane, Rect } from './types';

/** Width of the blend ramp outside the mask: 2 px for small masks up to 8 px for large ones. */
export function featherRadius(area: number): number {
  return Math.max(2, Math.min(8, Math.round(Math.sqrt(area) / 40)));
}

/**
 * The patch over rect (image coordinates): colours from `filled` (a plane over `crop`), alpha from the
 * squared distance to the mask (dist2, over `crop`): 255 at 0, a smoothstep ramp out to `feather`, then 0
 * with the original colour.
 */
export function buildPatch(image: FillImage, filled: Plane, crop: Rect, dist2: Float32Array, feather: number, rect: Rect): FillPatch {
  const C = image.channels,
    rgba = new Uint8Array(rect.width * rect.height * 4);
  for (let y = 0; y < rect.height; y++) {
    for (let x = 0; x < rect.width; x++) {
      const ix = rect.x + x,
        iy = rect.y + y,
        o = (y * rect.width + x) * 4;
      const ci = (iy - crop.y) * crop.width + (ix - crop.x);
      const d2 = dist2[ci]!;
      if (d2 > feather * feather) {
        const s = (iy * image.width + ix) * C;
        rgba[o] = image.data[s]!;
        rgba[o + 1] = image.data[s + 1]!;
        rgba[o + 2] = image.data[s + 2]!;
        continue; // alpha 0
      }
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(filled.data[ci * C + c]!);
      if (d2 === 0) rgba[o + 3] = 255;
      else {
        const t = (feather + 1 - Math.sqrt(d2)) / (feather + 1);
        rgba[o + 3] = Math.max(1, Math.round(255 * t * t * (3 - 2 * t)));
      }
    }
  }
  return { ...rect, rgba };
}
