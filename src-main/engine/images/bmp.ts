// Runs in: engine process. A small pure BMP decoder: sharp's prebuilt libvips has no BMP loader.
// Palette (1/4/8-bit), 16/24/32-bit BI_RGB and BI_BITFIELDS, bottom-up and top-down rows. [Note: cost
// limits] Rows are read a slice at a time with event-loop turns between, and the alpha check and packing
// run in libvips: a 250 MP BMP is over two seconds of pixel loops, and the main thread must keep answering.
import { nextTurn, SLICE_BYTES } from '../../common/slices';
import type { BitMasks, BmpHeader } from './bmp-header';
import { sharpFromPixels, type Pixels } from './pixels';

/** Decodes to RGBA, then packs to RGB when no pixel is transparent (saves a quarter of the memory). */
export async function decodeBmp(buf: Uint8Array, h: BmpHeader): Promise<Pixels> {
  const rgba = Buffer.allocUnsafe(h.width * h.height * 4);
  const readRow = rowReader(buf, h);
  const rowsPerTurn = Math.max(1, Math.floor(SLICE_BYTES / (h.width * 4)));
  for (let y = 0; y < h.height; y++) {
    if (y > 0 && y % rowsPerTurn === 0) await nextTurn();
    const fileRow = h.topDown ? y : h.height - 1 - y;
    readRow(h.dataOffset + fileRow * h.stride, rgba, y * h.width * 4);
  }
  return packIfOpaque({ data: rgba, width: h.width, height: h.height, channels: 4 });
}

type RowReader = (src: number, out: Buffer, dst: number) => void;

function rowReader(buf: Uint8Array, h: BmpHeader): RowReader {
  const w = h.width;
  if (h.palette) {
    const pal = h.palette;
    const bpp = h.bitsPerPixel;
    const perByte = 8 / bpp;
    const mask = (1 << bpp) - 1;
    return (src, out, dst) => {
      for (let x = 0; x < w; x++) {
        const byte = buf[src + Math.floor(x / perByte)] ?? 0;
        const shift = 8 - bpp * ((x % perByte) + 1); // leftmost pixel sits in the high bits
        const i = ((byte >> shift) & mask) * 3;
        out[dst++] = pal[i] ?? 0;
        out[dst++] = pal[i + 1] ?? 0;
        out[dst++] = pal[i + 2] ?? 0;
        out[dst++] = 255;
      }
    };
  }
  if (h.bitsPerPixel === 24) {
    return (src, out, dst) => {
      for (let x = 0; x < w; x++, src += 3) {
        out[dst++] = buf[src + 2] ?? 0;
        out[dst++] = buf[src + 1] ?? 0;
        out[dst++] = buf[src] ?? 0;
        out[dst++] = 255;
      }
    };
  }
  if (h.masks) return maskedReader(buf, w, h.bitsPerPixel === 16 ? 2 : 4, h.masks);
  return (src, out, dst) => {
    // 32-bit BI_RGB: B, G, R and a fourth byte that is alpha in practice (fixed up in packIfOpaque).
    for (let x = 0; x < w; x++, src += 4) {
      out[dst++] = buf[src + 2] ?? 0;
      out[dst++] = buf[src + 1] ?? 0;
      out[dst++] = buf[src] ?? 0;
      out[dst++] = buf[src + 3] ?? 0;
    }
  };
}

interface Channel {
  shift: number;
  max: number;
  mask: number;
}

function channel(mask: number): Channel | null {
  if (mask === 0) return null;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  const max = mask >>> shift; // e.g. 0x1f for a 5-bit field
  return { shift, max, mask };
}

function maskedReader(buf: Uint8Array, w: number, bytes: 2 | 4, masks: BitMasks): RowReader {
  const [r, g, b, a] = [channel(masks.r), channel(masks.g), channel(masks.b), channel(masks.a)];
  const scale = (c: Channel | null, v: number, fallback: number) => (c ? Math.round((((v & c.mask) >>> c.shift) * 255) / c.max) : fallback);
  return (src, out, dst) => {
    for (let x = 0; x < w; x++, src += bytes) {
      const lo = (buf[src] ?? 0) | ((buf[src + 1] ?? 0) << 8);
      const v = bytes === 2 ? lo : (lo | ((buf[src + 2] ?? 0) << 16) | ((buf[src + 3] ?? 0) << 24)) >>> 0;
      out[dst++] = scale(r, v, 0);
      out[dst++] = scale(g, v, 0);
      out[dst++] = scale(b, v, 0);
      out[dst++] = scale(a, v, 255);
    }
  };
}

/**
 * Many writers leave the fourth byte of 32-bit BI_RGB at zero; an image whose alpha is zero
 * everywhere is meant to be opaque (browsers show it that way too).
 */
async function packIfOpaque(rgba: Pixels): Promise<Pixels> {
  // stats() measures the input's bands whatever the pipeline says: band 3 is alpha.
  const alpha = (await sharpFromPixels(rgba).stats()).channels[3];
  if (alpha && alpha.min < 255 && alpha.max > 0) return rgba;
  const data = await sharpFromPixels(rgba).removeAlpha().raw().toBuffer();
  return { ...rgba, data, channels: 3 };
}
