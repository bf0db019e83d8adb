// Runs in: engine process (and the CLI). Grounding DINO image input (model-contracts §4.1, Pitfall 4): RGB,
// resized bilinearly (stretched to the config's size {height, width} as transformers.js does — the
// onnx-community export's 800×800 —, else aspect-preserving 800/1333; stretched 1200×800 for IDEA-style),
// /255, ImageNet mean/std, as a [3,h,w] float32 plane. The pack's preprocessor_config.json may override
// the sizes and the normalisation.
import { sharpFromPixels, type Pixels } from '../images/pixels';
import type { Normalisation, Preprocessor } from '../models/preprocessor-config';

export { IMAGENET, readPreprocessor, UPSTREAM, type Normalisation, type Preprocessor } from '../models/preprocessor-config';

/** X-AnyLabeling's IDEA-style input size (W×H), stretched. */
export const IDEA_SIZE = { width: 1200, height: 800 } as const;

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * IDEA's get_size_with_aspect_ratio: the short side becomes `shortest`, unless the long side would then
 * pass `longest` (then the short side is round(longest·short/long)); the long side is int(size·long/short).
 */
export function aspectResize(width: number, height: number, shortest = 800, longest = 1333): { width: number; height: number } {
  let size = shortest;
  const [lo, hi] = [Math.min(width, height), Math.max(width, height)];
  if ((hi / lo) * size > longest) size = Math.max(1, roundHalfEven((longest * lo) / hi));
  if ((width <= height && width === size) || (height <= width && height === size)) return { width, height };
  if (width < height) return { width: size, height: Math.max(1, Math.floor((size * height) / width)) };
  return { width: Math.max(1, Math.floor((size * width) / height)), height: size };
}

/**
 * The model input size: dims the graph declares win; then the config's fixed size; then IDEA-style's
 * 1200×800 or the 800/1333 rule. Boxes come back normalised to this input, so a stretch maps back by
 * scaling with the image's own width and height.
 */
export function modelInputSize(
  declared: readonly (number | string | null | undefined)[],
  idea: boolean,
  image: { width: number; height: number },
  pre: Preprocessor,
): { width: number; height: number } {
  const [h, w] = [declared[2], declared[3]];
  if (typeof h === 'number' && typeof w === 'number') return { width: w, height: h };
  if (pre.fixed) return pre.fixed;
  return idea ? IDEA_SIZE : aspectResize(image.width, image.height, pre.shortestEdge, pre.longestEdge);
}

/** Interleaved 8-bit RGB(A) → planar [3,h,w] float32, (v·rescale − mean)/std; alpha is ignored. */
export function normaliseChw(data: Uint8Array, width: number, height: number, channels: number, norm: Normalisation): Float32Array {
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const scale = norm.rescale / norm.std[c]!;
    const shift = norm.mean[c]! / norm.std[c]!;
    for (let i = 0, j = c; i < plane; i++, j += channels) out[c * plane + i] = data[j]! * scale - shift;
  }
  return out;
}

/** The model's image plane at width × height (bilinear, stretched to exactly that size). */
export async function imagePlane(pixels: Pixels, width: number, height: number, norm: Normalisation): Promise<Float32Array> {
  if (pixels.width === width && pixels.height === height) return normaliseChw(pixels.data, width, height, pixels.channels, norm);
  const { data, info } = await sharpFromPixels(pixels)
    .removeAlpha()
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return normaliseChw(data, info.width, info.height, info.channels, norm);
}
