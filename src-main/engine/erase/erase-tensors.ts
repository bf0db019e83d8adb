// Runs in: engine process (pure). The MI-GAN pipeline's tensors for one crop and back: RGB planes (NCHW,
// uint8 0–255, alpha dropped) and a mask with 255 = keep and 0 = repaint (the export's polarity, the inverse
// of a selection mask); the result's RGB written into the float work plane on the repainted pixels only.
import type { FillImage, Plane, Rect } from '../fill/types';

export interface CropTensors {
  image: Uint8Array;
  mask: Uint8Array;
  dims: { image: number[]; mask: number[] };
}

/** `fill` (1 = repaint) covers `work`; `crop` lies inside `work`. */
export function cropTensors(image: FillImage, fill: Uint8Array, work: Rect, crop: Rect): CropTensors {
  const { width: cw, height: ch } = crop,
    n = cw * ch,
    C = image.channels;
  const rgb = new Uint8Array(3 * n),
    mask = new Uint8Array(n);
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const i = y * cw + x,
        s = ((crop.y + y) * image.width + crop.x + x) * C;
      rgb[i] = image.data[s]!;
      rgb[n + i] = image.data[s + 1]!;
      rgb[2 * n + i] = image.data[s + 2]!;
      mask[i] = fill[(crop.y - work.y + y) * work.width + crop.x - work.x + x] ? 0 : 255;
    }
  }
  return { image: rgb, mask, dims: { image: [1, 3, ch, cw], mask: [1, 1, ch, cw] } };
}

/** The model's [1,3,h,w] result written into `plane` (over `work`) where `fill` says repaint, inside `crop`. */
export function writeResult(result: Uint8Array, plane: Plane, fill: Uint8Array, work: Rect, crop: Rect): void {
  const { width: cw, height: ch } = crop,
    n = cw * ch,
    C = plane.channels;
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      const wi = (crop.y - work.y + y) * work.width + crop.x - work.x + x;
      if (!fill[wi]) continue;
      const i = y * cw + x;
      plane.data[wi * C] = result[i]!;
      plane.data[wi * C + 1] = result[n + i]!;
      plane.data[wi * C + 2] = result[2 * n + i]!;
    }
  }
}
