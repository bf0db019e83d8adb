// Runs in: engine process. Reads image headers (probe) and full pixels with hardened sharp options.
import { readFile } from 'node:fs/promises';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { readBmpHeader } from './bmp-header';
import { decodeBmp } from './bmp';
import { checkPixelCap, corruptImage, toImageError, unsupported } from './errors';
import { MAX_PIXELS } from './limits';
import { sharpFromPixels, type Pixels } from './pixels';
import type { ImageFormat } from './sniff';

/** What the header says, in upright (EXIF-applied) terms. */
export interface Probe {
  format: ImageFormat;
  width: number;
  height: number;
  orientation: number;
  hasAlpha: boolean;
  notices: string[];
}

/**
 * Where pixels come from: a file that sharp decodes (so JPEG shrink-on-load works for proxies),
 * or pixels we decoded ourselves (BMP).
 */
export type Source = { kind: 'file'; path: string } | { kind: 'pixels'; pixels: Pixels };

// failOn 'error': truncated or corrupt data aborts; harmless encoder warnings (common in camera
// JPEGs) do not. The pixel limit backs up our own cap in case a header lies.
const INPUT_OPTIONS = { failOn: 'error', limitInputPixels: MAX_PIXELS, autoOrient: true, pages: 1 } as const;

export function sharpFrom(source: Source): Sharp {
  return source.kind === 'file' ? sharp(source.path, INPUT_OPTIONS) : sharpFromPixels(source.pixels);
}

/** Reads the header only; refuses HEVC-in-HEIF and sizes over the cap before any pixel is decoded. */
export async function probeFile(path: string, format: ImageFormat): Promise<Probe> {
  if (format === 'bmp') {
    const h = readBmpHeader(await readFile(path));
    checkPixelCap(h.width, h.height);
    // hasAlpha is settled by the decode, which image.open runs straight away for BMPs.
    return { format, width: h.width, height: h.height, orientation: 1, hasAlpha: false, notices: [] };
  }
  // metadata() decodes no pixels; the limit is lifted here only so the message can name the size.
  const m = await sharp(path, { ...INPUT_OPTIONS, limitInputPixels: false })
    .metadata()
    .catch((err: unknown) => {
      throw toImageError(err);
    });
  if (m.format === 'heif' && m.compression === 'hevc') {
    throw unsupported('HEIC photos are not supported yet; convert it to JPEG or PNG first.');
  }
  const { width, height } = m.autoOrient;
  if (!(width > 0 && height > 0)) throw corruptImage(`header reports ${width} × ${height}`);
  checkPixelCap(width, height);
  const orientation = m.orientation !== undefined && m.orientation >= 1 && m.orientation <= 8 ? m.orientation : 1;
  return { format, width, height, orientation, hasAlpha: m.hasAlpha, notices: noticesFor(format, m) };
}

function noticesFor(format: ImageFormat, m: Metadata): string[] {
  const notices: string[] = [];
  if ((m.pages ?? 1) > 1) {
    if (format === 'tiff') notices.push('Only the first page of this multi-page TIFF was opened.');
    else
      notices.push(`Only the first frame of this animated ${format === 'gif' ? 'GIF' : format === 'webp' ? 'WebP' : 'image'} was opened.`);
  }
  if (m.space === 'cmyk') notices.push('This CMYK image was converted to RGB; colours may look slightly different.');
  if (m.depth !== 'uchar' && m.depth !== 'char') notices.push('This image has more than 8 bits per channel; it was converted to 8 bits.');
  return notices;
}

/** Full-resolution pixels: upright, 8-bit sRGB, alpha kept when present. */
export async function decodeFile(path: string, format: ImageFormat): Promise<Pixels> {
  try {
    if (format === 'bmp') {
      const buf = await readFile(path);
      const header = readBmpHeader(buf);
      checkPixelCap(header.width, header.height);
      return await decodeBmp(buf, header);
    }
    const { data, info } = await sharp(path, INPUT_OPTIONS)
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 4) throw corruptImage(`decoded to ${info.channels} channels`);
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (err) {
    throw toImageError(err);
  }
}
