// Runs in: engine process (and the CLI). Grounding DINO image input (model-contracts §4.1, Pitfall 4): RGB,
// resized bilinearly (stretched to the config's size {height, width} as transformers.js does — the
// onnx-community export's 800×800 —, else aspect-preserving 800/1333; stretched 1200×800 for IDEA-style),
// /255, ImageNet mean/std, as a [3,h,w] float32 plane. The pack's preprocessor_config.json may override
// the sizes and the normalisation.
import { readFile } from 'node:fs/promises';
import { sharpFromPixels, type Pixels } from '../images/pixels';

export interface Normalisation {
  mean: readonly [number, number, number];
  std: readonly [number, number, number];
  /** Multiplies the 0..255 value before mean/std (1/255). */
  rescale: number;
}

export const IMAGENET: Normalisation = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], rescale: 1 / 255 };

export interface Preprocessor {
  /** size {height, width}: stretched to exactly this (a traced export accepts only it); absent: the edge rule. */
  fixed?: { width: number; height: number };
  shortestEdge: number;
  longestEdge: number;
  norm: Normalisation;
}

/** The upstream rule (IDEA RandomResize([800], max_size=1333); HF size {shortest_edge 800, longest_edge 1333}). */
export const UPSTREAM: Preprocessor = { shortestEdge: 800, longestEdge: 1333, norm: IMAGENET };
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

/** preprocessor_config.json's size, mean and std; the upstream values for anything missing or odd. */
export async function readPreprocessor(file: string | null): Promise<Preprocessor> {
  if (!file) return UPSTREAM;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return UPSTREAM;
  }
  const size = (json.size ?? {}) as Record<string, unknown>;
  const edge = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 32 && v <= 4096 ? v : fallback);
  const triple = (v: unknown, fallback: Normalisation['mean']) =>
    Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? (v as unknown as Normalisation['mean']) : fallback;
  const normalise = json.do_normalize !== false;
  const rescale = json.do_rescale === false ? 1 : typeof json.rescale_factor === 'number' && json.rescale_factor > 0 ? json.rescale_factor : 1 / 255;
  const shortestEdge = edge(size.shortest_edge, UPSTREAM.shortestEdge);
  const [height, width] = [edge(size.height, 0), edge(size.width, 0)];
  return {
    ...(height && width ? { fixed: { width, height } } : {}),
    shortestEdge,
    longestEdge: Math.max(shortestEdge, edge(size.longest_edge ?? json.max_size, UPSTREAM.longestEdge)),
    norm: {
      mean: normalise ? triple(json.image_mean, IMAGENET.mean) : [0, 0, 0],
      std: normalise ? triple(json.image_std, IMAGENET.std) : [1, 1, 1],
      rescale,
    },
  };
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
