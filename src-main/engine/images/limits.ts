// Runs in: engine process. Size limits for untrusted images and the numbers that tune decoding.

/** Largest image (width × height) Anyfill opens or exports: about 1 GB of RGBA pixels. */
export const MAX_PIXELS = 250_000_000;

/** Largest file Anyfill reads; bigger files are refused before any byte is decoded. */
export const MAX_FILE_BYTES = 2 * 1024 ** 3;

/** Bytes read from the start of a file to recognise its format. */
export const SNIFF_BYTES = 4096;

/**
 * Decoded pixels kept in memory across all assets. Least recently used assets beyond this are
 * dropped and decoded again from their session folder when next needed.
 */
export const RESIDENT_PIXEL_BYTES = 3 * 1024 ** 3;

/** Proxy encoding: good enough to edit on, small enough to load fast. */
export const PROXY_QUALITY = 90;

/** "10,000 MP"-style size for messages. */
export function formatMegapixels(pixels: number): string {
  return `${(pixels / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MP`;
}

/** "2.5 GB"-style size for messages. */
export function formatBytes(bytes: number): string {
  const gb = bytes / 1024 ** 3;
  if (gb >= 1) return `${gb.toLocaleString('en-US', { maximumFractionDigits: 1 })} GB`;
  return `${(bytes / 1024 ** 2).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
}
