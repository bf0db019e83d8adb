// Runs in: engine process (pure). EXIF carried from a source photo onto exported PNGs. The engine's pixels
// are already upright, so the Orientation tag is set to 1 (a viewer would otherwise rotate them again);
// the block goes into a PNG eXIf chunk, which sharp cannot write from raw bytes.
import { crc32 } from 'node:zlib';

const ORIENTATION = 0x0112;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The TIFF-structured EXIF bytes with Orientation = 1; null when the block is not readable TIFF. */
export function uprightExif(exif: Uint8Array): Buffer | null {
  let tiff = Buffer.from(exif);
  if (tiff.subarray(0, 6).toString('latin1') === 'Exif\0\0') tiff = tiff.subarray(6); // JPEG APP1 form
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const le = order === 'II';
  const u16 = (o: number) => (le ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (le ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  if (u16(2) !== 42) return null;
  const out = Buffer.from(tiff); // a copy: the caller's bytes stay as they were
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return null;
    // A SHORT value sits in the first two bytes of the value field, in the file's byte order.
    if (u16(entry) === ORIENTATION) {
      if (le) out.writeUInt16LE(1, entry + 8);
      else out.writeUInt16BE(1, entry + 8);
    }
  }
  return out;
}

/** The PNG with an eXIf chunk right after IHDR (the spec wants it before IDAT). */
export function withExifChunk(png: Buffer, tiff: Buffer): Buffer {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG that starts with IHDR');
  }
  const afterIhdr = 8 + 12 + png.readUInt32BE(8);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(tiff.length, 0);
  head.write('eXIf', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), tiff])) >>> 0, 0);
  return Buffer.concat([png.subarray(0, afterIhdr), head, tiff, crc, png.subarray(afterIhdr)]);
}
