// Runs in: renderer (pure). A thumbnail that shows a region of a photo: the box size and the CSS
// background (the photo's proxy URL, scaled and shifted) that put exactly that region in the box, so a
// candidate is seen over the image it belongs to, not as a shape on an empty ground.
export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Backdrop {
  readonly width: number;
  readonly height: number;
  readonly backgroundSize: string;
  readonly backgroundPosition: string;
}

/** `region` and `photo` in image pixels; the box is as large as fits `box` (CSS pixels). */
export function photoBackdrop(region: Region, photo: { width: number; height: number }, box: { width: number; height: number }): Backdrop {
  const k = Math.min(box.width / Math.max(1, region.width), box.height / Math.max(1, region.height));
  return {
    width: Math.max(1, Math.round(region.width * k)),
    height: Math.max(1, Math.round(region.height * k)),
    backgroundSize: `${photo.width * k}px ${photo.height * k}px`,
    backgroundPosition: `${-region.x * k}px ${-region.y * k}px`,
  };
}

/** `region` grown by `fraction` of its longer side on every side, kept inside the photo. */
export function withContext(region: Region, photo: { width: number; height: number }, fraction: number): Region {
  const pad = Math.max(region.width, region.height) * fraction;
  const x0 = Math.max(0, region.x - pad);
  const y0 = Math.max(0, region.y - pad);
  const x1 = Math.min(photo.width, region.x + region.width + pad);
  const y1 = Math.min(photo.height, region.y + region.height + pad);
  return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}
