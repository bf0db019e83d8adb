// Runs in: engine process (and the CLI). The image as each SAM encoder wants it (model-contracts §1.2,
// §2.2, Pitfall 4): RGB (never BGR), SAM 1 resized long side → 1024 with the rounded dims, then either
// HWC 0–255 (normalised and padded in the graph) or NCHW normalised and zero-padded bottom/right by us;
// SAM 2 stretched to 1024² with ImageNet mean/std on 0..1.
import { sharpFromPixels, type Pixels } from '../images/pixels';
import { resizeLongSide } from './geometry';
import { FRAME, type SamFamily } from './types';

/** SAM 1 normalisation on the 0–255 scale; SAM 2's ImageNet values on 0..1 (the same numbers / 255). */
export const SAM1_MEAN = [123.675, 116.28, 103.53] as const;
export const SAM1_STD = [58.395, 57.12, 57.375] as const;
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

export type EncoderLayout = 'sam1-hwc' | 'sam1-nchw' | 'sam2';

export interface EncoderInput {
  values: Float32Array;
  dims: number[];
}

/** Packed RGB at the size the encoder needs; alpha is flattened onto white, as the image is shown. */
export async function resizedRgb(pixels: Pixels, family: SamFamily): Promise<{ rgb: Uint8Array; width: number; height: number }> {
  const size = family === 'sam1' ? resizeLongSide(pixels.width, pixels.height) : { width: FRAME, height: FRAME };
  let img = sharpFromPixels(pixels);
  if (pixels.channels === 4) img = img.flatten({ background: { r: 255, g: 255, b: 255 } });
  const { data, info } = await img
    .resize(size.width, size.height, { fit: 'fill', kernel: 'linear' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { rgb: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** samexporter --use-preprocess / Acly: [h,w,3] float 0–255 at the resized size. */
export function sam1HwcInput(rgb: Uint8Array, width: number, height: number): EncoderInput {
  return { values: Float32Array.from(rgb), dims: [height, width, 3] };
}

/** Bare SAM 1 encoder: [1,3,1024,1024], (v − mean)/std, zeros after normalisation beyond the image. */
export function sam1NchwInput(rgb: Uint8Array, width: number, height: number): EncoderInput {
  const plane = FRAME * FRAME;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const [mean, std] = [SAM1_MEAN[c]!, SAM1_STD[c]!];
    for (let y = 0; y < height; y++) {
      const dst = c * plane + y * FRAME;
      const src = y * width * 3 + c;
      for (let x = 0; x < width; x++) out[dst + x] = (rgb[src + x * 3]! - mean) / std;
    }
  }
  return { values: out, dims: [1, 3, FRAME, FRAME] };
}

/** SAM 2: the 1024² stretched RGB, 0..1, ImageNet mean/std, [1,3,1024,1024]. */
export function sam2Input(rgb: Uint8Array): EncoderInput {
  const plane = FRAME * FRAME;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const [mean, std] = [IMAGENET_MEAN[c]!, IMAGENET_STD[c]!];
    for (let i = 0; i < plane; i++) out[c * plane + i] = (rgb[i * 3 + c]! / 255 - mean) / std;
  }
  return { values: out, dims: [1, 3, FRAME, FRAME] };
}

export function encoderInput(layout: EncoderLayout, rgb: Uint8Array, width: number, height: number): EncoderInput {
  if (layout === 'sam1-hwc') return sam1HwcInput(rgb, width, height);
  if (layout === 'sam1-nchw') return sam1NchwInput(rgb, width, height);
  return sam2Input(rgb);
}
