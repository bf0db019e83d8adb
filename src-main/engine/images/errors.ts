// Runs in: engine process. Turns decoder and disk failures into AnyfillErrors a user can read.
// Raw sharp/libvips and errno text only ever goes into `detail`, never into the user message.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { MAX_PIXELS, formatMegapixels } from './limits';

export function corruptImage(detail?: string): AnyfillError {
  return new AnyfillError('CORRUPT_IMAGE', 'The image file is damaged or incomplete, so Anyfill could not open it.', detail);
}

export function unsupported(message: string, detail?: string): AnyfillError {
  return new AnyfillError('UNSUPPORTED_FORMAT', message, detail);
}

/** Refuses sizes over the pixel cap, naming the size so the user knows why. */
export function checkPixelCap(width: number, height: number, what: 'image' | 'document' = 'image'): void {
  const pixels = width * height;
  if (pixels <= MAX_PIXELS) return;
  const verb = what === 'image' ? 'opens images' : 'exports documents';
  throw new AnyfillError(
    'TOO_LARGE',
    `The ${what} is ${width} × ${height} pixels (${formatMegapixels(pixels)}); Anyfill ${verb} up to ${formatMegapixels(MAX_PIXELS)}.`,
  );
}

export function errnoCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

const IO_MESSAGES: Record<string, string> = {
  ENOSPC: 'The disk is full. Free up some space and try again.',
  EDQUOT: 'The disk quota is used up. Free up some space and try again.',
  EACCES: "Anyfill has no permission to use its working folder. Check the folder's permissions.",
  EPERM: "Anyfill has no permission to use its working folder. Check the folder's permissions.",
  EROFS: "Anyfill's working folder is on a read-only disk.",
  EMFILE: 'Too many files are open. Close some programs and try again.',
};

/** An errno failure (from fs) as an IO error; undefined when `err` is not one. */
export function ioError(err: unknown): AnyfillError | undefined {
  const code = errnoCode(err);
  if (code === undefined || !/^E[A-Z]+$/.test(code)) return undefined;
  const message = IO_MESSAGES[code] ?? 'Anyfill could not read or write a file in its working folder.';
  return new AnyfillError('IO', message, err instanceof Error ? err.message : code);
}

/** Any failure while reading an image: keeps AnyfillErrors, maps disk and decoder errors. */
export function toImageError(err: unknown): AnyfillError {
  if (err instanceof AnyfillError) return err;
  const io = ioError(err);
  if (io) return io;
  const detail = err instanceof Error ? err.message : String(err);
  if (/exceeds pixel limit/i.test(detail)) {
    return new AnyfillError('TOO_LARGE', `The image is larger than ${formatMegapixels(MAX_PIXELS)}, the most Anyfill opens.`, detail);
  }
  if (/unsupported image format/i.test(detail)) {
    return unsupported('Anyfill cannot open this kind of file. Try JPEG, PNG, WebP, TIFF, AVIF, GIF or BMP.', detail);
  }
  return corruptImage(detail);
}

/** A failure while writing session files (proxy, export): disk errors are IO, the rest INTERNAL. */
export function toWriteError(err: unknown): AnyfillError {
  if (err instanceof AnyfillError) return err;
  const io = ioError(err);
  if (io) return io;
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return new AnyfillError('INTERNAL', 'Anyfill could not write the image file.', detail);
}
