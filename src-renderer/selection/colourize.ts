// Runs in: renderer. A mask → the RGBA pixels the overlay draws: the colour at ~45 % over the selected
// area and an opaque one-pixel outline where a selected pixel touches an unselected one.
import type { Mask } from '../../src-shared/masks';
import { bbox } from '../../src-shared/masks';
import { colourizeRect } from './colour-pixels';
import { fitCanvas, noteOverlaySize } from '../core/viewport/overlay-canvases';

export { FILL_ALPHA, colourizeRect } from './colour-pixels';

/** A canvas the size of the mask showing it in `colour`. */
export function maskCanvas(mask: Mask, colour: string, canvas = document.createElement('canvas')): HTMLCanvasElement {
  canvas.width = mask.width;
  canvas.height = mask.height;
  const img = new ImageData(mask.width, mask.height);
  colourizeRect(mask, img.data, colour, 0, 0, mask.width, mask.height);
  canvas.getContext('2d')!.putImageData(img, 0, 0);
  return canvas;
}

/**
 * Only the part of maskCanvas(mask, colour) with anything in it: the mask's bounding box drawn at the
 * canvas's top-left, and where that box sits in the mask (null: nothing to show). Far fewer pixels to
 * fill, upload and draw. The canvas may be larger than the box (it only grows: overlay-canvases.ts), so
 * whoever draws it crops to the box's size. `into`: the canvas to reuse (a new one costs its backing store).
 */
export function maskBoundsCanvas(
  mask: Mask,
  colour: string,
  into?: HTMLCanvasElement,
): { canvas: HTMLCanvasElement; rect: { x: number; y: number; width: number; height: number } } | null {
  const rect = bbox(mask);
  if (!rect) return null;
  const canvas = into ?? document.createElement('canvas');
  fitCanvas(canvas, rect.width, rect.height);
  noteOverlaySize(rect.width, rect.height);
  const img = new ImageData(rect.width, rect.height);
  colourizeRect(mask, img.data, colour, rect.x, rect.y, rect.x + rect.width, rect.y + rect.height, {
    x: rect.x,
    y: rect.y,
    width: rect.width,
  });
  canvas.getContext('2d')!.putImageData(img, 0, 0);
  return { canvas, rect };
}

/** Repaint rect (grown by one pixel for the outline) of an existing mask canvas. */
export function repaintRect(
  canvas: HTMLCanvasElement,
  mask: Mask,
  colour: string,
  rect: { x: number; y: number; width: number; height: number },
): void {
  const x0 = Math.max(0, rect.x - 1);
  const y0 = Math.max(0, rect.y - 1);
  const x1 = Math.min(mask.width, rect.x + rect.width + 1);
  const y1 = Math.min(mask.height, rect.y + rect.height + 1);
  if (x1 <= x0 || y1 <= y0) return;
  // Colourize the rect into a full-size scratch view of just those rows would waste memory; do it locally.
  const w = x1 - x0;
  const h = y1 - y0;
  const sub = { width: w + 2, height: h + 2, data: new Uint8Array((w + 2) * (h + 2)) };
  // Copy with a one-pixel halo so the outline test sees the true neighbours.
  for (let y = -1; y <= h; y++) {
    const sy = y0 + y;
    for (let x = -1; x <= w; x++) {
      const sx = x0 + x;
      const inImg = sx >= 0 && sy >= 0 && sx < mask.width && sy < mask.height;
      sub.data[(y + 1) * (w + 2) + (x + 1)] = inImg ? mask.data[sy * mask.width + sx]! : 0;
    }
  }
  const rgba = new Uint8ClampedArray(sub.width * sub.height * 4);
  colourizeRect(sub, rgba, colour, 1, 1, w + 1, h + 1);
  const img = new ImageData(w, h);
  for (let y = 0; y < h; y++) img.data.set(rgba.subarray(((y + 1) * sub.width + 1) * 4, ((y + 1) * sub.width + 1 + w) * 4), y * w * 4);
  canvas.getContext('2d')!.putImageData(img, x0, y0);
}
