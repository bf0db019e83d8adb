// Runs in: engine process (and the CLI). The CLIP image processor the safety checker's clip_input comes
// from (model-contracts §5.5): resize the shortest side to 224 (bicubic), centre-crop 224, ×1/255, then
// normalise with CLIP's mean and std. Settings from feature_extractor/preprocessor_config.json when the
// pack has one (old CLIPFeatureExtractor numbers or newer {shortest_edge}/{height,width} objects).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { packDir } from '../models/pack-files';

export interface ClipPreprocess {
  shortestEdge: number;
  crop: { width: number; height: number };
  rescale: number;
  mean: readonly number[];
  std: readonly number[];
}

export const CLIP_DEFAULTS: ClipPreprocess = {
  shortestEdge: 224,
  crop: { width: 224, height: 224 },
  rescale: 1 / 255,
  mean: [0.48145466, 0.4578275, 0.40821073],
  std: [0.26862954, 0.26130258, 0.27577711],
};

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
const triple = (v: unknown): number[] | undefined =>
  Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? v : undefined;

/** The pack's preprocessor config; the spec's defaults for anything absent or unreadable. */
export async function readClipPreprocess(modelsDir: string, packId: string): Promise<ClipPreprocess> {
  const file = path.join(packDir(modelsDir, packId), 'feature_extractor', 'preprocessor_config.json');
  let json: Record<string, unknown> | null;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown> | null;
  } catch {
    return CLIP_DEFAULTS; // absent or not JSON: the pack still runs, with the values every SD 1.x ships
  }
  if (!json || typeof json !== 'object') return CLIP_DEFAULTS;
  const size = json.size as number | { shortest_edge?: number } | undefined;
  const crop = json.crop_size as number | { height?: number; width?: number } | undefined;
  const edge = num(typeof size === 'object' ? size?.shortest_edge : size) ?? CLIP_DEFAULTS.shortestEdge;
  const cw = num(typeof crop === 'object' ? crop?.width : crop) ?? CLIP_DEFAULTS.crop.width;
  const ch = num(typeof crop === 'object' ? crop?.height : crop) ?? CLIP_DEFAULTS.crop.height;
  return {
    shortestEdge: Math.round(edge),
    crop: { width: Math.round(cw), height: Math.round(ch) },
    rescale: num(json.rescale_factor) ?? CLIP_DEFAULTS.rescale,
    mean: triple(json.image_mean) ?? CLIP_DEFAULTS.mean,
    std: triple(json.image_std) ?? CLIP_DEFAULTS.std,
  };
}

/** clip_input [3, crop.height, crop.width] (NCHW without the batch) from interleaved 8-bit RGB. */
export async function clipInput(rgb: Uint8Array, width: number, height: number, p: ClipPreprocess): Promise<Float32Array> {
  // transformers: the short side becomes shortestEdge, the long side int(shortestEdge · long / short).
  const [short, long] = width <= height ? [width, height] : [height, width];
  const scaledLong = Math.floor((p.shortestEdge * long) / short);
  const [rw, rh] = width <= height ? [p.shortestEdge, scaledLong] : [scaledLong, p.shortestEdge];
  // sharp's "cubic" is Catmull-Rom (a = −0.5), PIL's BICUBIC (resample 3).
  const resized = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .resize(rw, rh, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
  const { width: cw, height: ch } = p.crop;
  // Centre crop as transformers does it (floor of half the excess); a crop larger than the image pads with 0.
  const [top, left] = [Math.floor((rh - ch) / 2), Math.floor((rw - cw) / 2)];
  const out = new Float32Array(3 * cw * ch);
  for (let c = 0; c < 3; c++)
    for (let y = 0; y < ch; y++)
      for (let x = 0; x < cw; x++) {
        const [sy, sx] = [y + top, x + left];
        const v = sy >= 0 && sx >= 0 && sy < rh && sx < rw ? resized[(sy * rw + sx) * 3 + c]! : 0;
        out[(c * ch + y) * cw + x] = (v * p.rescale - p.mean[c]!) / p.std[c]!;
      }
  return out;
}
