// Runs in: engine process (pure). How thick a mask is: the radius of the largest disc that fits inside
// it. Diffusion (Telea) fills are best for thin masks — scratches, wires, text — where patches would
// have nothing to match; PatchMatch for anything wider.
import { bbox, createMask, distanceSquared, SELECTED, type Mask } from '../../../src-shared/masks';

/** Radius in pixels of the widest part of the mask (0 for an empty mask). */
export function maskThickness(mask: Mask): number {
  const box = bbox(mask);
  if (!box) return 0;
  // One unselected pixel of margin on every side: distances to "unselected" must see the crop's edge.
  const crop = createMask(box.width + 2, box.height + 2);
  for (let y = 0; y < box.height; y++) {
    const src = (box.y + y) * mask.width + box.x;
    crop.data.set(mask.data.subarray(src, src + box.width), (y + 1) * crop.width + 1);
  }
  const d2 = distanceSquared(crop, false);
  let max = 0;
  for (let i = 0; i < d2.length; i++) if (crop.data[i]! >= SELECTED && d2[i]! > max) max = d2[i]!;
  return Math.sqrt(max);
}

/** Masks at most this thick (radius, px) are filled by diffusion when the user leaves the method on auto. */
export const THIN_MASK_RADIUS = 6;
