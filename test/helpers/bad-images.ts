// Runs in: tests (node). Files a user may drop on Anyfill that it must refuse with a clear message:
// each comes with the message the user should see (a pattern) and the error code.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export interface BadImage {
  name: string;
  bytes: Buffer;
  code: string;
  message: RegExp;
  needsPhotos?: boolean;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A valid PNG header that claims width × height; the pixel data is one tiny row (a decompression bomb's shape). */
export function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** An ISO-BMFF header with a HEVC brand, as iPhones write. */
export function heicHeader(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'ascii');
  ftyp.writeUInt32BE(0, 12);
  ftyp.write('mif1heic', 16, 'ascii');
  return Buffer.concat([ftyp, Buffer.alloc(200, 7)]);
}

/** `needsPhotos`: made from a shared photo; without the photos it holds no bytes and its test is skipped. */
export function badImages(sharedImages: string): BadImage[] {
  const truckFile = path.join(sharedImages, 'truck.jpg');
  const truck = existsSync(truckFile) ? readFileSync(truckFile) : Buffer.alloc(0);
  return [
    { name: 'empty.jpg', bytes: Buffer.alloc(0), code: 'EMPTY_FILE', message: /empty/i },
    {
      name: 'truncated.jpg',
      bytes: truck.subarray(0, Math.floor(truck.length * 0.4)),
      code: 'CORRUPT_IMAGE',
      message: /damaged|incomplete|truncated/i,
      needsPhotos: true,
    },
    {
      name: 'noise.jpg',
      bytes: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)),
      code: 'UNSUPPORTED_FORMAT',
      message: /not an image|not recogni[sz]ed|unknown|unsupported|can.t read/i,
    },
    {
      name: 'notes.png',
      bytes: Buffer.from('Shopping list:\n- eggs\n- milk\n'.repeat(20)),
      code: 'UNSUPPORTED_FORMAT',
      message: /text|not an image/i,
    },
    {
      name: 'drawing.svg',
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'),
      code: 'UNSUPPORTED_FORMAT',
      message: /SVG/,
    },
    { name: 'IMG_0001.HEIC', bytes: heicHeader(), code: 'UNSUPPORTED_FORMAT', message: /HEIC/ },
    {
      name: 'bomb.png',
      bytes: pngClaiming(100_000, 100_000),
      code: 'TOO_LARGE',
      message: /100[,.\u202f ]?000 × 100[,.\u202f ]?000|too large|MP/,
    },
  ];
}

/** A real JPEG whose frame header (SOF0) is rewritten to claim width × height: a few KB "of" any size. */
export function jpegClaiming(jpeg: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(jpeg);
  for (let i = 2; i < out.length - 9; i++) {
    if (out[i] === 0xff && out[i + 1] === 0xc0) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
  }
  throw new Error('no SOF0 marker in this JPEG');
}
