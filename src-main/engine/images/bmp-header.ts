// Runs in: engine process. Parses and validates a BMP header; every size and offset is checked
// against the buffer before the pixel decoder (bmp.ts) trusts it.
import { corruptImage, unsupported } from './errors';

export interface BitMasks {
  r: number;
  g: number;
  b: number;
  a: number;
}

export interface BmpHeader {
  width: number;
  /** Always positive; `topDown` says which way the rows run. */
  height: number;
  topDown: boolean;
  bitsPerPixel: 1 | 4 | 8 | 16 | 24 | 32;
  dataOffset: number;
  /** Bytes per row including padding to 4 bytes. */
  stride: number;
  /** RGB triples for 1/4/8-bit images, else null. */
  palette: Uint8Array | null;
  /** Channel masks for 16/32-bit images; null means 32-bit BI_RGB (BGRA bytes). */
  masks: BitMasks | null;
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;
const INFO_HEADER_SIZES = new Set([40, 52, 56, 108, 124]); // INFO, V2, V3, V4, V5
const damaged = (why: string) => corruptImage(`BMP: ${why}`);

export function readBmpHeader(buf: Uint8Array): BmpHeader {
  if (buf.length < 26) throw damaged('file shorter than its headers');
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const dataOffset = view.getUint32(10, true);
  const dibSize = view.getUint32(14, true);
  const core = dibSize === 12; // OS/2 1.x header: 16-bit sizes, 3-byte palette entries
  if (!core && !INFO_HEADER_SIZES.has(dibSize)) {
    if (dibSize === 64) throw unsupported('This OS/2 BMP file is not supported; re-save it as PNG first.');
    throw damaged(`unknown header size ${dibSize}`);
  }
  if (14 + dibSize > buf.length) throw damaged('header runs past the end of the file');
  const width = core ? view.getUint16(18, true) : view.getInt32(18, true);
  const rawHeight = core ? view.getUint16(20, true) : view.getInt32(22, true);
  const bpp = core ? view.getUint16(24, true) : view.getUint16(28, true);
  const compression = core ? BI_RGB : view.getUint32(30, true);
  if (width <= 0 || rawHeight === 0) throw damaged(`invalid size ${width} × ${rawHeight}`);
  if (compression === 1 || compression === 2) {
    throw unsupported('Compressed (RLE) BMP files are not supported; re-save it as PNG or an uncompressed BMP.');
  }
  if (compression === 4 || compression === 5) throw unsupported('BMP files with embedded JPEG or PNG data are not supported.');
  if (bpp !== 1 && bpp !== 4 && bpp !== 8 && bpp !== 16 && bpp !== 24 && bpp !== 32) throw damaged(`unsupported ${bpp} bits per pixel`);
  const bitfields = compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS;
  if (compression !== BI_RGB && !(bitfields && (bpp === 16 || bpp === 32))) throw damaged(`compression ${compression} with ${bpp} bits`);

  const height = Math.abs(rawHeight);
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  const lastRow = Math.ceil((bpp * width) / 8); // the final row may omit its padding
  if (dataOffset < 14 + dibSize || dataOffset + stride * (height - 1) + lastRow > buf.length) {
    throw damaged(`pixel data (${width} × ${height}, ${bpp} bits at offset ${dataOffset}) runs past the end of the file`);
  }
  return {
    width,
    height,
    topDown: rawHeight < 0,
    bitsPerPixel: bpp,
    dataOffset,
    stride,
    palette: bpp <= 8 ? readPalette(buf, view, dibSize, bpp, core) : null,
    masks: bitfields ? readMasks(buf, view, dibSize, compression === BI_ALPHABITFIELDS) : bpp === 16 ? RGB555 : null,
  };
}

const RGB555: BitMasks = { r: 0x7c00, g: 0x03e0, b: 0x001f, a: 0 };

function readMasks(buf: Uint8Array, view: DataView, dibSize: number, withAlpha: boolean): BitMasks {
  // BITMAPINFOHEADER keeps the masks right after the header; V2+ headers hold them inside.
  const hasAlphaMask = withAlpha || dibSize >= 56;
  if (54 + (hasAlphaMask ? 16 : 12) > buf.length) throw damaged('bit masks run past the end of the file');
  const masks = {
    r: view.getUint32(54, true),
    g: view.getUint32(58, true),
    b: view.getUint32(62, true),
    a: hasAlphaMask ? view.getUint32(66, true) : 0,
  };
  if (masks.r === 0 && masks.g === 0 && masks.b === 0) throw damaged('empty colour masks');
  return masks;
}

function readPalette(buf: Uint8Array, view: DataView, dibSize: number, bpp: number, core: boolean): Uint8Array {
  const max = 1 << bpp;
  const used = core ? 0 : view.getUint32(46, true);
  const entry = core ? 3 : 4;
  const start = 14 + dibSize;
  // Writers often store fewer entries than 2^bpp without saying so; the gap before the pixels tells.
  const room = Math.floor((view.getUint32(10, true) - start) / entry);
  const count = Math.min(used === 0 || used > max ? max : used, Math.max(0, room));
  if (start + count * entry > buf.length) throw damaged('colour table runs past the end of the file');
  const rgb = new Uint8Array(max * 3); // missing entries stay black, as other decoders show them
  for (let i = 0; i < count; i++) {
    const p = start + i * entry; // stored B, G, R(, reserved)
    rgb[i * 3] = buf[p + 2] ?? 0;
    rgb[i * 3 + 1] = buf[p + 1] ?? 0;
    rgb[i * 3 + 2] = buf[p] ?? 0;
  }
  return rgb;
}
