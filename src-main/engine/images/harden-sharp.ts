// Runs in: engine process. Locks libvips down to the loaders Anyfill needs; called once at engine start.
import sharp from 'sharp';

/**
 * An allowlist rather than a blocklist: every libvips loader is blocked, then only these are let
 * back in. SVG (librsvg), PDF, ImageMagick, OpenSlide, FITS, Matlab, the .v "vips" format and
 * anything a future libvips adds stay blocked. BMP never reaches libvips (bmp.ts decodes it),
 * and raw pixel input is not a loader, so it is unaffected.
 */
export const ALLOWED_LOADERS = [
  'VipsForeignLoadJpeg',
  'VipsForeignLoadPng',
  'VipsForeignLoadWebp',
  'VipsForeignLoadTiff',
  'VipsForeignLoadNsgif',
  'VipsForeignLoadHeif', // AVIF; prebuilt sharp cannot decode HEVC, and sniff.ts refuses HEIC earlier
] as const;

/** Memory for libvips' operation cache (MB). Decoded pixels live in our own asset store. */
const CACHE_MEMORY_MB = 64;

export function hardenSharp(): void {
  sharp.block({ operation: ['VipsForeignLoad'] });
  sharp.unblock({ operation: [...ALLOWED_LOADERS] });
  // files: 0 so cached operations never hold a source open (an asset folder must be deletable).
  sharp.cache({ memory: CACHE_MEMORY_MB, files: 0, items: 100 });
  // 0 restores sharp's own default: one thread per core, or 1 on glibc without jemalloc
  // (fewer threads there keeps memory fragmentation down).
  sharp.concurrency(0);
}
