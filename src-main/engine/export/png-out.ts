// Runs in: engine process. The layered export's PNG encoder: RGB when opaque (what an opaque original had),
// RGBA otherwise, grey for masks; with the source's ICC profile and EXIF when it had them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { MAX_PIXELS } from '../images/limits';
import { withExifChunk } from './exif';
import type { SourceMeta } from './source-meta';

export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

/** keepAlpha: a cut-out stays RGBA even where its mask is a solid rectangle. */
export async function encodeExportPng(img: RawImage, meta: SourceMeta = {}, opts: { keepAlpha?: boolean } = {}): Promise<Buffer> {
  const channels = img.channels === 4 && !opts.keepAlpha && (await isOpaque(img)) ? 3 : img.channels;
  let pipeline = rawInput(img);
  if (channels !== img.channels) pipeline = pipeline.removeAlpha();
  // libvips would otherwise read one band as sRGB and write three equal channels.
  if (channels === 1) pipeline = pipeline.toColourspace('b-w');
  const png = meta.icc && channels !== 1 ? await withProfile(pipeline, meta.icc) : await pipeline.png({ compressionLevel: 6 }).toBuffer();
  return meta.exif ? withExifChunk(png, meta.exif) : png;
}

const rawInput = (img: RawImage): Sharp =>
  sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels }, limitInputPixels: MAX_PIXELS });

/**
 * True when every pixel's alpha is 255. libvips measures it on its own threads: a JavaScript pass (and
 * dropping the band) held the engine's main thread over 2 s at 250 MP.
 */
async function isOpaque(img: RawImage): Promise<boolean> {
  return (await rawInput(img).stats()).isOpaque;
}

/**
 * The engine's pixels are sRGB (decode converts from the source's profile), so keeping the profile
 * means converting back into it; sharp takes a profile only as a file path.
 */
async function withProfile(pipeline: Sharp, icc: Buffer): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'anyfill-icc-'));
  try {
    const file = path.join(dir, 'source.icc');
    await writeFile(file, icc);
    return await pipeline.withIccProfile(file).png({ compressionLevel: 6 }).toBuffer();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
