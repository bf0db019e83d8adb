// Runs in: engine process and the CLI. The memory an image or project will take, judged from headers
// alone, before anything big is allocated: a decompression bomb (a few KB claiming hundreds of megapixels)
// or a document that needs gigabytes is named to the user, who decides; nothing is decoded until then.
import os from 'node:os';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { formatBytes, formatMegapixels } from './limits';

/**
 * Bytes per pixel while editing: the decoded RGBA (4), a working copy for fill, masks and proxies (4), and
 * a composite or export buffer (4). Measured peaks agree: a 225 MP fill peaked at 1.89 GB (~8.4 B/px).
 */
const WORKING_BYTES_PER_PIXEL = 12;

/** Above this, opening asks first (about 125 MP of photo). */
export const LARGE_WORKING_BYTES = 1.5 * 1024 ** 3;

/**
 * Pixels per file byte that no photograph reaches: camera JPEGs hold ~0.1–1 B/px, screenshots and flat
 * PNGs ~0.01. Beyond 4,000 px per byte the file is mostly a size claim (a 3.8 KB JPEG saying 15000 × 15000
 * is 59,000), which is how decompression bombs look.
 */
const BOMB_PIXELS_PER_BYTE = 4000;
const BOMB_MIN_PIXELS = 16_000_000;

export interface ImageClaim {
  width: number;
  height: number;
  /** Bytes of the file the claim comes from. */
  fileBytes: number;
  /** What to call it in a message: a file name or "this project". */
  name: string;
}

export const workingBytes = (pixels: number): number => pixels * WORKING_BYTES_PER_PIXEL;

/** Throws NEEDS_CONFIRMATION (or TOO_LARGE, beyond this machine's memory) unless the user already agreed. */
export function checkImageBudget(claim: ImageClaim, allowLarge: boolean, totalMemory = os.totalmem()): void {
  const pixels = claim.width * claim.height;
  const need = workingBytes(pixels);
  const size = `${claim.width} × ${claim.height} (${formatMegapixels(pixels)})`;
  if (need > totalMemory * 0.9) {
    throw new AnyfillError(
      'TOO_LARGE',
      `${claim.name} is ${size}: editing it needs about ${formatBytes(need)} of memory, more than this computer has (${formatBytes(totalMemory)}).`,
    );
  }
  if (allowLarge) return;
  if (pixels >= BOMB_MIN_PIXELS && pixels / Math.max(1, claim.fileBytes) >= BOMB_PIXELS_PER_BYTE) {
    throw new AnyfillError(
      'NEEDS_CONFIRMATION',
      `${claim.name} claims to be ${size} but the file is only ${formatFileBytes(claim.fileBytes)}: it is almost certainly not a photo (possibly a decompression bomb). Opening it would take about ${formatBytes(need)} of memory.`,
    );
  }
  if (need > LARGE_WORKING_BYTES) {
    throw new AnyfillError('NEEDS_CONFIRMATION', `${claim.name} is ${size}: editing it needs about ${formatBytes(need)} of memory.`);
  }
}

/** A project: every layer image is held at once, so the claims add up. */
export function checkProjectBudget(
  assets: Array<{ width: number; height: number }>,
  fileBytes: number,
  name: string,
  allowLarge: boolean,
  totalMemory = os.totalmem(),
): void {
  const pixels = assets.reduce((sum, a) => sum + a.width * a.height, 0);
  const need = workingBytes(pixels);
  const what = `${name} (${formatFileBytes(fileBytes)}) holds ${assets.length} image${assets.length === 1 ? '' : 's'} of ${formatMegapixels(pixels)} in all`;
  if (need > totalMemory * 0.9) {
    throw new AnyfillError(
      'TOO_LARGE',
      `${what}: opening it needs about ${formatBytes(need)} of memory, more than this computer has (${formatBytes(totalMemory)}).`,
    );
  }
  if (!allowLarge && need > LARGE_WORKING_BYTES) {
    throw new AnyfillError('NEEDS_CONFIRMATION', `${what}: opening it needs about ${formatBytes(need)} of memory.`);
  }
}

/** "3.8 KB", "657 KB", "12.4 MB": file sizes as people read them. */
export function formatFileBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB`;
  return formatBytes(bytes);
}
