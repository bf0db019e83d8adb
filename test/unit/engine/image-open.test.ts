// Runs in: test tooling. image.open end to end on real files: every supported format, orientation,
// colour normalisation, proxies, the background decode, and each way a file can be refused.
import { existsSync } from 'node:fs';
import { readdir, readFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { AssetId } from '../../../src-shared/document/ids';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { MAX_FILE_BYTES } from '../../../src-main/engine/images/limits';
import { badImages } from '../../helpers/bad-images';
import { SHARED_IMAGES, buildBmp, expectClose, makeSession, pixelAt, quadrants, sharpRaw, type TestSession } from '../../helpers/images';
import { needsSharedImages } from '../../helpers/shared-images';

const handlers = createEngineHandlers();
let s: TestSession;

beforeAll(async () => {
  hardenSharp(); // the engine's real configuration: only the allowed loaders
  s = await makeSession();
});
afterAll(() => s.cleanup());

async function open(bytes: Uint8Array, maxProxySide = 2048) {
  const fileId = await s.stage(bytes);
  return handlers['image.open']({ fileId, name: 'test', maxProxySide }, s.ctx);
}

async function refusal(bytes: Uint8Array): Promise<AnyfillError> {
  const err: unknown = await open(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (err instanceof AnyfillError) return err;
  throw new Error(`expected an AnyfillError, got ${String(err)}`);
}

async function decodedPixel(id: AssetId, x: number, y: number): Promise<number[]> {
  const { pixels } = await s.ctx.services.assets.ensureDecoded(id);
  return pixelAt(pixels.data, pixels.width, pixels.channels, x, y);
}

const W = 64;
const H = 48;
const quad = () => sharpRaw(W, H, quadrants(W, H));
// Quadrant centres: red, green / blue, white.
const SAMPLES: [number, number, number[]][] = [
  [16, 12, [255, 0, 0]],
  [48, 12, [0, 255, 0]],
  [16, 36, [0, 0, 255]],
  [48, 36, [255, 255, 255]],
];

describe('image.open: supported formats', () => {
  it.each([
    ['jpeg', () => quad().jpeg({ quality: 95 }).toBuffer(), 12],
    ['png', () => quad().removeAlpha().png().toBuffer(), 0],
    ['webp', () => quad().webp({ lossless: true }).toBuffer(), 0],
    ['tiff', () => quad().removeAlpha().tiff({ compression: 'lzw' }).toBuffer(), 0],
    ['avif', () => quad().avif({ quality: 90, effort: 0 }).toBuffer(), 24],
    ['gif', () => quad().gif().toBuffer(), 0],
    [
      'bmp',
      () =>
        Promise.resolve(
          buildBmp({
            width: W,
            height: H,
            bpp: 24,
            value: (x, y) => {
              const [r, g, b] = quadrants(W, H)(x, y);
              return b | (g << 8) | (r << 16);
            },
          }),
        ),
      0,
    ],
  ] as const)('opens %s with its size and pixels, then decodes in full', async (format, make, tolerance) => {
    const { asset, proxy } = await open(await make());
    expect(asset).toMatchObject({ width: W, height: H, format, orientation: 1, notices: [] });
    expect(proxy).toMatchObject({ width: W, height: H });
    expect(proxy.path).toMatch(new RegExp(`^assets/${asset.id}/proxy-2048\\.(jpg|webp)$`));
    const proxyMeta = await sharp(path.join(s.dir, proxy.path)).metadata();
    expect([proxyMeta.width, proxyMeta.height]).toEqual([W, H]);

    const event = await s.waitFor('asset.decoded', (e) => e.assetId === asset.id);
    expect(event.ok).toBe(true);
    expect(event.decodeMs).toBeGreaterThanOrEqual(0);
    for (const [x, y, rgb] of SAMPLES) expectClose((await decodedPixel(asset.id, x, y)).slice(0, 3), rgb, tolerance);
  });

  it('keeps alpha: a transparent PNG decodes to RGBA and gets a WebP proxy', async () => {
    const png = await sharpRaw(W, H, (x) => [200, 100, 50, x < W / 2 ? 255 : 64])
      .png()
      .toBuffer();
    const { asset, proxy } = await open(png);
    expect(asset.hasAlpha).toBe(true);
    expect(proxy.path).toMatch(/proxy-2048\.webp$/);
    expect(await decodedPixel(asset.id, 50, 10)).toEqual([200, 100, 50, 64]);
    expect((await sharp(path.join(s.dir, proxy.path)).metadata()).hasAlpha).toBe(true);
  });

  it('applies EXIF orientation 6: upright size is swapped and pixels are upright', async () => {
    // Stored 64 × 48 landscape; orientation 6 means "rotate 90° clockwise to display".
    const jpeg = await quad().jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const { asset, proxy } = await open(jpeg);
    expect(asset).toMatchObject({ width: H, height: W, orientation: 6 });
    expect(proxy).toMatchObject({ width: H, height: W });
    // After the turn the stored top-left (red) is top-right, bottom-left (blue) is top-left.
    expectClose((await decodedPixel(asset.id, 36, 16)).slice(0, 3), [255, 0, 0], 12);
    expectClose((await decodedPixel(asset.id, 12, 16)).slice(0, 3), [0, 0, 255], 12);
    expectClose((await decodedPixel(asset.id, 12, 48)).slice(0, 3), [255, 255, 255], 12);
    const proxyPx = await sharp(path.join(s.dir, proxy.path)).raw().toBuffer({ resolveWithObject: true });
    expectClose(pixelAt(proxyPx.data, proxyPx.info.width, proxyPx.info.channels, 36, 16), [255, 0, 0], 16);
  });

  it('converts 16-bit greyscale to 8-bit sRGB with a notice', async () => {
    const png = await sharpRaw(8, 8, () => [128, 128, 128, 255])
      .removeAlpha()
      .toColourspace('grey16')
      .png()
      .toBuffer();
    expect((await sharp(png).metadata()).depth).toBe('ushort');
    const { asset } = await open(png);
    expect(asset.notices).toEqual(['This image has more than 8 bits per channel; it was converted to 8 bits.']);
    const { pixels } = await s.ctx.services.assets.ensureDecoded(asset.id);
    expect(pixels.channels).toBe(3);
    expectClose(pixelAt(pixels.data, 8, 3, 3, 3), [128, 128, 128], 1);
  });

  it('converts CMYK to RGB with a notice', async () => {
    const cmyk = await quad().removeAlpha().toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
    const { asset } = await open(cmyk);
    expect(asset.notices).toContain('This CMYK image was converted to RGB; colours may look slightly different.');
    const { pixels } = await s.ctx.services.assets.ensureDecoded(asset.id);
    expect(pixels.channels).toBe(3);
    expectClose(pixelAt(pixels.data, W, 3, 16, 12), [255, 0, 0], 40); // CMYK round trips are not exact
  });

  it('opens the first frame of an animated GIF and says so', async () => {
    const frames = Buffer.concat([rgbaFrame([255, 0, 0, 255]), rgbaFrame([0, 0, 255, 255]), rgbaFrame([0, 255, 0, 255])]);
    const gif = await sharp(frames, { raw: { width: 16, height: 48, channels: 4, pageHeight: 16 } })
      .gif()
      .toBuffer();
    const { asset } = await open(gif);
    expect(asset).toMatchObject({ width: 16, height: 16, format: 'gif' });
    expect(asset.notices).toEqual(['Only the first frame of this animated GIF was opened.']);
    expect((await decodedPixel(asset.id, 8, 8)).slice(0, 3)).toEqual([255, 0, 0]);
  });

  it('opens the first page of a multi-page TIFF and says so', async () => {
    const pages = Buffer.concat([rgbaFrame([0, 255, 0, 255]), rgbaFrame([255, 0, 0, 255])]);
    const tiff = await sharp(pages, { raw: { width: 16, height: 32, channels: 4, pageHeight: 16 } })
      .tiff({ compression: 'lzw' })
      .toBuffer();
    const { asset } = await open(tiff);
    expect(asset).toMatchObject({ width: 16, height: 16, format: 'tiff' });
    expect(asset.notices).toEqual(['Only the first page of this multi-page TIFF was opened.']);
    expect((await decodedPixel(asset.id, 8, 8)).slice(0, 3)).toEqual([0, 255, 0]);
  });
});

const rgbaFrame = (rgba: number[]) => Buffer.alloc(16 * 16 * 4).fill(Buffer.from(rgba));

describe('image.open: proxies', () => {
  const truck = path.join(SHARED_IMAGES, 'truck.jpg');

  it('writes a proxy no larger than maxProxySide, keeping the aspect', async (ctx) => {
    needsSharedImages(ctx);
    const { asset, proxy } = await open(await readFile(truck), 512);
    expect(asset).toMatchObject({ width: 1800, height: 1200, format: 'jpeg', hasAlpha: false });
    expect(proxy).toEqual({ path: `assets/${asset.id}/proxy-512.jpg`, width: 512, height: 341 });
    const m = await sharp(path.join(s.dir, proxy.path)).metadata();
    expect([m.width, m.height, m.format]).toEqual([512, 341, 'jpeg']);
  });

  it('image.proxy makes other sizes and never upscales', async (ctx) => {
    needsSharedImages(ctx);
    const { asset } = await open(await readFile(truck), 256);
    expect(await handlers['image.proxy']({ assetId: asset.id, maxSide: 1024 }, s.ctx)).toMatchObject({ width: 1024, height: 683 });
    const big = await handlers['image.proxy']({ assetId: asset.id, maxSide: 4096 }, s.ctx);
    expect(big).toMatchObject({ width: 1800, height: 1200 });
    expect((await sharp(path.join(s.dir, big.path)).metadata()).width).toBe(1800);
  });

  it('image.decoded resolves with the full size', async (ctx) => {
    needsSharedImages(ctx);
    const { asset } = await open(await readFile(truck), 256);
    const done = await handlers['image.decoded']({ assetId: asset.id }, s.ctx);
    expect(done).toMatchObject({ assetId: asset.id, width: 1800, height: 1200 });
  });
});

describe('image.open: refusals', () => {
  for (const bad of badImages(SHARED_IMAGES)) {
    it(`refuses ${bad.name} with ${bad.code}`, async (ctx) => {
      if (bad.needsPhotos) needsSharedImages(ctx);
      const err = await refusal(bad.bytes);
      expect(err.code).toBe(bad.code);
      expect(err.message).toMatch(bad.message);
    });
  }

  it('names the size of an over-cap image', async () => {
    const { pngClaiming } = await import('../../helpers/bad-images');
    const err = await refusal(pngClaiming(100_000, 100_000));
    expect(err.message).toBe('The image is 100000 × 100000 pixels (10,000 MP); Anyfill opens images up to 250 MP.');
  });

  it('explains a truncated JPEG without leaking libvips text, keeping it as detail', async (ctx) => {
    needsSharedImages(ctx);
    const truck = await readFile(path.join(SHARED_IMAGES, 'truck.jpg'));
    const err = await refusal(truck.subarray(0, truck.length >> 1));
    expect(err).toMatchObject({ code: 'CORRUPT_IMAGE', message: 'The image file is damaged or incomplete, so Anyfill could not open it.' });
    expect(err.message).not.toMatch(/vips|jpeg/i);
    expect(err.detail).toMatch(/premature end|truncated/i);
  });

  it.each([
    ['PDF', Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'), /PDF/],
    ['an RLE BMP', buildBmp({ width: 4, height: 4, bpp: 8, compression: 1, palette: [[0, 0, 0]], value: () => 0 }), /RLE/],
  ])('refuses %s as UNSUPPORTED_FORMAT', async (_name, bytes, message) => {
    const err = await refusal(bytes);
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toMatch(message);
  });

  it('calls a BMP whose header lies about its size CORRUPT_IMAGE', async () => {
    const bmp = buildBmp({ width: 4, height: 4, bpp: 24, value: () => 0 });
    bmp.writeInt32LE(4000, 18); // claims 4000 × 4 with 4 × 4 worth of data
    expect((await refusal(bmp)).code).toBe('CORRUPT_IMAGE');
  });

  it('refuses an over-cap BMP by its header as TOO_LARGE', async () => {
    const bmp = buildBmp({
      width: 8,
      height: 1,
      bpp: 1,
      palette: [
        [0, 0, 0],
        [255, 255, 255],
      ],
      value: () => 0,
    });
    const big = Buffer.concat([bmp, Buffer.alloc(40_000_000)]);
    big.writeInt32LE(20_000, 18);
    big.writeInt32LE(15_000, 22); // 300 MP of 1-bit pixels fits in 37.5 MB
    const err = await refusal(big);
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toBe('The image is 20000 × 15000 pixels (300 MP); Anyfill opens images up to 250 MP.');
  });

  it('refuses a file over the size limit before reading it', async () => {
    const fileId = await s.stage(Buffer.from([0xff, 0xd8, 0xff]));
    await truncate(path.join(s.dir, 'inbox', fileId), MAX_FILE_BYTES + 1); // sparse: costs no disk
    const err: unknown = await handlers['image.open']({ fileId, name: 'huge.jpg', maxProxySide: 512 }, s.ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TOO_LARGE', message: 'The file is just over 2 GB; Anyfill opens files up to 2 GB.' });
  });

  it('answers NOT_FOUND for a staged file that is gone', async () => {
    const err: unknown = await handlers['image.open']({ fileId: 'f_missing123' as never, name: 'x', maxProxySide: 512 }, s.ctx).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves no asset folder behind for refused files', async (ctx) => {
    needsSharedImages(ctx);
    const before = existsSync(path.join(s.dir, 'assets')) ? await readdir(path.join(s.dir, 'assets')) : [];
    const truck = await readFile(path.join(SHARED_IMAGES, 'truck.jpg'));
    await refusal(truck.subarray(0, 30_000));
    const after = existsSync(path.join(s.dir, 'assets')) ? await readdir(path.join(s.dir, 'assets')) : [];
    expect(after.sort()).toEqual(before.sort());
  });
});
