// Runs in: engine process. Recognises a file by its first bytes, before any decoder sees it.
// The extension is never trusted; the first bytes decide which decoder may run, or why none will.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { unsupported } from './errors';
import { looksLikeSvg, looksLikeText } from './sniff-text';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'tiff' | 'avif' | 'gif' | 'bmp';

const SUPPORTED = 'Anyfill opens JPEG, PNG, WebP, TIFF, AVIF, GIF and BMP images.';

const at = (b: Uint8Array, offset: number, sig: readonly number[]): boolean =>
  b.length >= offset + sig.length && sig.every((v, i) => b[offset + i] === v);

const ascii = (b: Uint8Array, offset: number, text: string): boolean =>
  at(
    b,
    offset,
    [...text].map((c) => c.charCodeAt(0)),
  );

/** Returns the format sharp (or our BMP decoder) should read, or throws why the file is refused. */
export function sniffFormat(head: Uint8Array): ImageFormat {
  if (head.length === 0) throw new AnyfillError('EMPTY_FILE', 'This file is empty (0 bytes), so there is no image to open.');
  if (at(head, 0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (at(head, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(head, 0, 'GIF87a') || ascii(head, 0, 'GIF89a')) return 'gif';
  if (ascii(head, 0, 'RIFF') && ascii(head, 8, 'WEBP')) return 'webp';
  if (at(head, 0, [0x49, 0x49, 0x2a, 0x00]) || at(head, 0, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (at(head, 0, [0x49, 0x49, 0x2b, 0x00]) || at(head, 0, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff'; // BigTIFF
  if (ascii(head, 4, 'ftyp')) return sniffIsoMedia(head);
  refuseKnownBinary(head);
  if (looksLikeSvg(head)) throw unsupported('SVG files are not supported; export it as PNG first.');
  if (looksLikeText(head)) throw unsupported('This file is not an image (it looks like text).');
  // Two-byte signatures are weak, so they come after the text check ("BM" can start a sentence).
  if (ascii(head, 0, 'BM')) return 'bmp';
  if (at(head, 0, [0x00, 0x00, 0x01, 0x00])) throw unsupported('Icon (ICO) files are not supported; convert it to PNG first.');
  throw unsupported(`This file is not an image format Anyfill can open. ${SUPPORTED}`);
}

function refuseKnownBinary(head: Uint8Array): void {
  if (ascii(head, 0, '%PDF-')) throw unsupported('PDF files are not supported; export the page as PNG or JPEG first.');
  if (ascii(head, 0, '8BPS')) throw unsupported('Photoshop (PSD) files are not supported; export it as PNG first.');
  if (at(head, 0, [0xff, 0x0a]) || at(head, 0, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) {
    throw unsupported('JPEG XL files are not supported yet; convert it to JPEG or PNG.');
  }
  if (at(head, 0, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || at(head, 0, [0xff, 0x4f, 0xff, 0x51])) {
    throw unsupported('JPEG 2000 files are not supported; convert it to JPEG or PNG.');
  }
}

const AVIF_BRANDS = new Set(['avif', 'avis']);
// HEVC-coded HEIF; mif1/msf1 are the generic HEIF brands that HEIC files carry alongside these.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);

/** ISO base media files (AVIF, HEIC, MP4…): the ftyp box lists a major brand and compatible brands. */
function sniffIsoMedia(head: Uint8Array): ImageFormat {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const boxSize = head.length >= 4 ? view.getUint32(0) : 0;
  const end = Math.min(head.length, Math.max(boxSize, 16));
  const brands: string[] = [];
  for (let i = 8; i + 4 <= end; i += i === 8 ? 8 : 4) {
    brands.push(String.fromCharCode(head[i] ?? 0, head[i + 1] ?? 0, head[i + 2] ?? 0, head[i + 3] ?? 0));
  }
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  if (brands.some((b) => HEIC_BRANDS.has(b))) {
    throw unsupported('HEIC photos are not supported yet; convert it to JPEG or PNG first.');
  }
  throw unsupported(`This file looks like a video or other media file, not an image. ${SUPPORTED}`);
}
