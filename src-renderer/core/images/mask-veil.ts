// Runs in: renderer (pure). A SAM candidate's thumbnail parts: the photo region around its mask (with
// context) and a veil over it — outside the mask darkened, inside lightly tinted in the selection's
// colour — so candidates of one click differ visibly by what of the photo they take.
import { withContext, type Region } from './photo-backdrop';

export interface MaskGrid {
  /** 0 / non-zero per cell, row-major, covering the whole photo. */
  readonly mask: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
}

const OUTSIDE = [16, 17, 21, 185] as const;
const CONTEXT = 0.3;

/** The mask's bounding box in photo pixels, grown by context; the whole photo for an empty mask. */
export function maskRegion(grid: MaskGrid, photo: { width: number; height: number }): Region {
  let x0 = grid.width;
  let y0 = grid.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < grid.height; y++) {
    for (let x = 0; x < grid.width; x++) {
      if (!grid.mask[y * grid.width + x]) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  if (x1 < 0) return { x: 0, y: 0, width: photo.width, height: photo.height };
  const sx = photo.width / grid.width;
  const sy = photo.height / grid.height;
  return withContext({ x: x0 * sx, y: y0 * sy, width: (x1 - x0 + 1) * sx, height: (y1 - y0 + 1) * sy }, photo, CONTEXT);
}

/** RGBA of the veil for `region` drawn at width × height (nearest cell of the grid per pixel). */
export function veilPixels(
  grid: MaskGrid,
  photo: { width: number; height: number },
  region: Region,
  width: number,
  height: number,
  tint: readonly [number, number, number],
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(new ArrayBuffer(width * height * 4));
  for (let y = 0; y < height; y++) {
    const gy = Math.min(grid.height - 1, Math.floor(((region.y + ((y + 0.5) * region.height) / height) * grid.height) / photo.height));
    for (let x = 0; x < width; x++) {
      const gx = Math.min(grid.width - 1, Math.floor(((region.x + ((x + 0.5) * region.width) / width) * grid.width) / photo.width));
      out.set(grid.mask[gy * grid.width + gx] ? [...tint, 70] : OUTSIDE, (y * width + x) * 4);
    }
  }
  return out;
}
