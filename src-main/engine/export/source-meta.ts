// Runs in: engine process. The colour profile and EXIF of a layer's source file, to keep on the exported
// original and composite. Only RGB profiles are kept: the engine's pixels are RGB, and a CMYK or grey
// profile cannot describe them.
import sharp from 'sharp';
import type { AssetId } from '../../../src-shared/document/ids';
import { sourcePath } from '../images/asset-files';
import type { AssetStore } from '../images/asset-store';
import { uprightExif } from './exif';

export interface SourceMeta {
  /** ICC profile bytes; the pixels are converted into it when written. */
  icc?: Buffer;
  /** TIFF-structured EXIF with Orientation 1. */
  exif?: Buffer;
}

export async function readSourceMeta(assets: AssetStore, assetId: AssetId): Promise<SourceMeta> {
  const meta = await assets.meta(assetId);
  if (meta.format === 'bmp') return {}; // our own decoder: BMP colour spaces are not read
  // Header only; a file that was opened once can be read again, and failing here only loses metadata.
  const m = await sharp(sourcePath(assets.sessionDir, assetId), { limitInputPixels: false })
    .metadata()
    .catch(() => null);
  if (!m) return {};
  const out: SourceMeta = {};
  if (m.icc && isRgbProfile(m.icc)) out.icc = m.icc;
  const exif = m.exif ? uprightExif(m.exif) : null;
  if (exif) out.exif = exif;
  return out;
}

/** ICC header: the data colour space signature at bytes 16–19. */
export function isRgbProfile(icc: Uint8Array): boolean {
  return icc.length >= 128 && Buffer.from(icc.subarray(16, 20)).toString('latin1') === 'RGB ';
}

export const hasSourceMeta = (m: SourceMeta): boolean => m.icc !== undefined || m.exif !== undefined;
