// Runs in: test tooling. The pure BMP decoder against hand-built files of every supported layout.
import { describe, expect, it } from 'vitest';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { decodeBmp } from '../../../src-main/engine/images/bmp';
import { readBmpHeader } from '../../../src-main/engine/images/bmp-header';
import { buildBmp, pixelAt, type BmpSpec } from '../../helpers/images';

const decode = (spec: BmpSpec) => {
  const buf = buildBmp(spec);
  return decodeBmp(buf, readBmpHeader(buf));
};
const px = (p: Awaited<ReturnType<typeof decode>>, x: number, y: number) => pixelAt(p.data, p.width, p.channels, x, y);

async function refusal(buf: Buffer): Promise<AnyfillError> {
  try {
    await decodeBmp(buf, readBmpHeader(buf));
  } catch (err) {
    if (err instanceof AnyfillError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const PALETTE: [number, number, number][] = [
  [0, 0, 0],
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
];

describe('decodeBmp', () => {
  it.each([1, 4, 8])('decodes %i-bit palette images (odd width, bottom-up)', async (bpp) => {
    const colours = bpp === 1 ? 2 : 4;
    const p = await decode({ width: 13, height: 5, bpp, palette: PALETTE.slice(0, colours), value: (x, y) => (x + y) % colours });
    expect([p.width, p.height, p.channels]).toEqual([13, 5, 3]);
    for (const [x, y] of [
      [0, 0],
      [12, 0],
      [5, 3],
      [12, 4],
    ] as const) {
      expect(px(p, x, y)).toEqual(PALETTE[(x + y) % colours]);
    }
  });

  it('decodes 24-bit bottom-up and top-down alike', async () => {
    const value = (x: number, y: number) => (x * 20) | ((y * 40) << 8) | (200 << 16); // B, G, R bytes
    const up = await decode({ width: 7, height: 3, bpp: 24, value });
    const down = await decode({ width: 7, height: -3, bpp: 24, value });
    expect(up.data.equals(down.data)).toBe(true);
    expect(px(up, 6, 2)).toEqual([200, 80, 120]);
    expect(px(up, 0, 0)).toEqual([200, 0, 0]);
  });

  it('decodes 16-bit BI_RGB as 5-5-5', async () => {
    const p = await decode({ width: 3, height: 1, bpp: 16, value: (x) => [0x7c00, 0x03e0, 0x001f][x] ?? 0 });
    expect([px(p, 0, 0), px(p, 1, 0), px(p, 2, 0)]).toEqual([
      [255, 0, 0],
      [0, 255, 0],
      [0, 0, 255],
    ]);
  });

  it('decodes 16-bit BI_BITFIELDS 5-6-5', async () => {
    const p = await decode({
      width: 2,
      height: 1,
      bpp: 16,
      compression: 3,
      masks: [0xf800, 0x07e0, 0x001f],
      value: (x) => (x ? 0x0400 : 0xf81f),
    });
    expect(px(p, 0, 0)).toEqual([255, 0, 255]);
    expect(px(p, 1, 0)).toEqual([0, Math.round((32 * 255) / 63), 0]);
  });

  it('reads the fourth byte of 32-bit BI_RGB as alpha when it is used', async () => {
    const p = await decode({ width: 2, height: 1, bpp: 32, value: (x) => (x ? 0x80102030 : 0xff405060) });
    expect(p.channels).toBe(4);
    expect(px(p, 0, 0)).toEqual([0x40, 0x50, 0x60, 255]);
    expect(px(p, 1, 0)).toEqual([0x10, 0x20, 0x30, 0x80]);
  });

  it('treats 32-bit BI_RGB with alpha zero everywhere as opaque', async () => {
    const p = await decode({ width: 2, height: 2, bpp: 32, value: () => 0x00112233 });
    expect(p.channels).toBe(3);
    expect(px(p, 1, 1)).toEqual([0x11, 0x22, 0x33]);
  });

  it.each([108, 124])('decodes a V%i header with BI_BITFIELDS and an alpha mask, top-down', async (headerSize) => {
    const masks = [0x00ff0000, 0x0000ff00, 0x000000ff, 0xff000000];
    const p = await decode({
      width: 2,
      height: -2,
      bpp: 32,
      compression: 3,
      headerSize,
      masks,
      value: (x, y) => ((y ? 0x40 : 0xff) << 24) | (x ? 0x00ff00 : 0xff0000),
    });
    expect(p.channels).toBe(4);
    expect(px(p, 0, 0)).toEqual([255, 0, 0, 255]);
    expect(px(p, 1, 1)).toEqual([0, 255, 0, 0x40]);
  });

  it('decodes the old 12-byte core header', async () => {
    const p = await decode({ width: 3, height: 2, bpp: 8, headerSize: 12, palette: PALETTE, value: (x) => x + 1 });
    expect(px(p, 2, 1)).toEqual([0, 0, 255]);
  });

  it('refuses RLE compression as UNSUPPORTED_FORMAT', async () => {
    const err = await refusal(buildBmp({ width: 4, height: 4, bpp: 8, compression: 1, palette: PALETTE, value: () => 0 }));
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toMatch(/RLE/);
  });

  it.each([
    ['pixel data past the end', () => buildBmp({ width: 4, height: 4, bpp: 24, value: () => 0 }).subarray(0, 70)],
    ['a data offset past the end', () => buildBmp({ width: 4, height: 4, bpp: 24, value: () => 0, dataOffset: 5000 })],
    ['a header size larger than the file', () => buildBmp({ width: 4, height: 4, bpp: 24, value: () => 0 }).subarray(0, 40)],
    [
      'a palette past the end',
      () => {
        const b = buildBmp({ width: 1, height: 1, bpp: 8, palette: PALETTE, value: () => 0 });
        b.writeUInt32LE(0, 46);
        return b.subarray(0, 60);
      },
    ],
    ['a zero width', () => buildBmp({ width: 0, height: 4, bpp: 24, value: () => 0 })],
    [
      'an unknown header size',
      () => {
        const b = buildBmp({ width: 2, height: 2, bpp: 24, value: () => 0 });
        b.writeUInt32LE(99, 14);
        return b;
      },
    ],
    [
      '2 bits per pixel',
      () => {
        const b = buildBmp({ width: 2, height: 2, bpp: 24, value: () => 0 });
        b.writeUInt16LE(2, 28);
        return b;
      },
    ],
    ['just the signature', () => Buffer.from('BM\0\0\0\0')],
  ])('calls a BMP with %s CORRUPT_IMAGE', async (_name, make) => {
    const err = await refusal(make());
    expect(err.code).toBe('CORRUPT_IMAGE');
    expect(err.message).toMatch(/damaged or incomplete/);
    expect(err.detail).toMatch(/^BMP: /);
  });
});
