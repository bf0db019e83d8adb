// Runs in: benchmark (node). The 12-megapixel photos the flows open: a shared photo (../shared/images, or
// ANYFILL_TEST_IMAGES) scaled up to 4243 × 2828, as JPEG like a camera's; a fresh clone without the photos
// uses the synthetic landscape scene. Two files of different content (the second mirrored), so the second
// open cannot reuse the first one's cached embedding.
import { existsSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { LANDSCAPE, renderScene } from '../../../src-main/standins/sam/scenes';
import { SHARED_IMAGES } from '../../helpers/shared-images';
import { scaledScene } from '../../helpers/scenes';

export const PHOTO_SIZE = { width: 4243, height: 2828 } as const;

export interface Photos {
  files: [string, string];
  /** Where the pixels came from, said with the figures. */
  source: string;
}

export async function twelveMegapixelPhotos(dir: string, sharedName = 'street.jpg'): Promise<Photos> {
  const shared = path.join(SHARED_IMAGES, sharedName);
  let base: ReturnType<typeof sharp>;
  let source: string;
  if (existsSync(shared)) {
    base = sharp(shared).rotate().resize(PHOTO_SIZE.width, PHOTO_SIZE.height, { fit: 'fill', kernel: 'lanczos3' });
    const m = await sharp(shared).metadata();
    source = `${sharedName} (${m.width} × ${m.height}) scaled to ${PHOTO_SIZE.width} × ${PHOTO_SIZE.height} JPEG`;
  } else {
    const scene = scaledScene(LANDSCAPE, PHOTO_SIZE.width / LANDSCAPE.width);
    base = sharp(Buffer.from(renderScene(scene)), { raw: { width: scene.width, height: scene.height, channels: 3 } }).resize(
      PHOTO_SIZE.width,
      PHOTO_SIZE.height,
      { fit: 'fill' },
    );
    source = `synthetic landscape scene ${PHOTO_SIZE.width} × ${PHOTO_SIZE.height} JPEG (no shared photos in ${SHARED_IMAGES})`;
  }
  const raw = await base.raw().toBuffer({ resolveWithObject: true });
  const files: [string, string] = [path.join(dir, 'photo-12mp-a.jpg'), path.join(dir, 'photo-12mp-b.jpg')];
  const asJpeg = () => sharp(raw.data, { raw: { width: raw.info.width, height: raw.info.height, channels: raw.info.channels } });
  await asJpeg().jpeg({ quality: 90 }).toFile(files[0]);
  await asJpeg().flop().jpeg({ quality: 90 }).toFile(files[1]);
  return { files, source };
}
