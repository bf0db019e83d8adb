// Runs in: test tooling. document.exportPng, reloading assets in a "restarted" engine, release,
// and disk errors.
import { existsSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetId } from '../../../src-shared/document/ids';
import { newDocumentId, newLayerId } from '../../../src-shared/document/ids';
import type { EditorDocument, ImageLayer } from '../../../src-shared/document/types';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { createEngineServices } from '../../../src-main/engine/services';
import { SHARED_IMAGES, expectClose, makeSession, pixelAt, sharpRaw, type TestSession } from '../../helpers/images';
import { needsSharedImages } from '../../helpers/shared-images';

const handlers = createEngineHandlers();
const TRUCK = path.join(SHARED_IMAGES, 'truck.jpg');
let s: TestSession;

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
});
afterAll(() => s.cleanup());

/** A new engine process over the same session folder: its services start with nothing in memory. */
function restartEngine(): void {
  s.ctx = { ...s.ctx, services: createEngineServices(s.dir) };
}

async function open(bytes: Uint8Array) {
  return (await handlers['image.open']({ fileId: await s.stage(bytes), name: 'x', maxProxySide: 256 }, s.ctx)).asset;
}

function layer(assetId: AssetId, width: number, height: number, over: Partial<ImageLayer> = {}): ImageLayer {
  return { id: newLayerId(), kind: 'image', name: 'layer', assetId, visible: true, opacity: 1, x: 0, y: 0, width, height, ...over };
}

function doc(width: number, height: number, layers: ImageLayer[]): EditorDocument {
  return { id: newDocumentId(), schemaVersion: 1, name: 'doc', width, height, layers };
}

async function exportRaw(d: EditorDocument) {
  const result = await handlers['document.exportPng']({ document: d }, s.ctx);
  const file = path.join(s.dir, result.file.path);
  const bytes = await readFile(file);
  expect(bytes.length).toBe(result.bytes);
  const raw = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  return { result, ...raw };
}

describe('document.exportPng', () => {
  it('exports truck.jpg byte-identical to sharp’s own decode, as an RGB PNG', async (ctx) => {
    needsSharedImages(ctx);
    const asset = await open(await readFile(TRUCK));
    const { result, data, info } = await exportRaw(doc(1800, 1200, [layer(asset.id, 1800, 1200)]));
    expect(result.file).toEqual({ path: `exports/${result.id}.png`, width: 1800, height: 1200 });
    expect(info.channels).toBe(3);
    const expected = await sharp(TRUCK).raw().toBuffer();
    expect(data.equals(expected)).toBe(true);
  });

  it('composites two layers with opacity and offsets, skipping a hidden one', async () => {
    const red = await open(
      await sharpRaw(4, 4, () => [255, 0, 0, 255])
        .png()
        .toBuffer(),
    );
    const blue = await open(
      await sharpRaw(4, 4, () => [0, 0, 255, 255])
        .png()
        .toBuffer(),
    );
    const green = await open(
      await sharpRaw(6, 6, () => [0, 255, 0, 255])
        .png()
        .toBuffer(),
    );
    const { data, info } = await exportRaw(
      doc(6, 6, [
        layer(red.id, 4, 4, { x: -1, y: -1 }),
        layer(blue.id, 4, 4, { x: 2, y: 2, opacity: 0.5 }),
        layer(green.id, 6, 6, { visible: false }),
      ]),
    );
    expect(info.channels).toBe(4);
    const at = (x: number, y: number) => pixelAt(data, 6, 4, x, y);
    expectClose(at(0, 0), [255, 0, 0, 255], 0);
    expectClose(at(2, 2), [128, 0, 128, 255], 1);
    expectClose(at(4, 4), [0, 0, 255, 128], 1);
    expectClose(at(5, 0), [0, 0, 0, 0], 0);
    expectClose(at(0, 5), [0, 0, 0, 0], 0);
  });

  it('exports a document with no visible layers as a transparent PNG', async () => {
    const { data, info } = await exportRaw(doc(3, 2, []));
    expect([info.width, info.height, info.channels]).toEqual([3, 2, 4]);
    expect(data.every((v) => v === 0)).toBe(true);
  });

  it('refuses a document over the pixel cap', async () => {
    await expect(handlers['document.exportPng']({ document: doc(20_000, 20_000, []) }, s.ctx)).rejects.toMatchObject({ code: 'TOO_LARGE' });
  });

  it('reports a disk error as IO and leaves no half-written export', async () => {
    const other = await makeSession();
    try {
      await writeFile(path.join(other.dir, 'exports'), 'not a folder'); // every write under exports/ fails
      await expect(handlers['document.exportPng']({ document: doc(2, 2, []) }, other.ctx)).rejects.toMatchObject({ code: 'IO' });
    } finally {
      await other.cleanup();
    }
    const leftovers = (await readdir(path.join(s.dir, 'exports'))).filter((f) => f.endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });
});

describe('assets across an engine restart', () => {
  it('reloads an asset from the session folder for image.decoded, image.proxy and export', async (ctx) => {
    needsSharedImages(ctx);
    const asset = await open(await readFile(TRUCK));
    await s.waitFor('asset.decoded', (e) => e.assetId === asset.id);
    restartEngine();

    const decoded = await handlers['image.decoded']({ assetId: asset.id }, s.ctx);
    expect(decoded).toMatchObject({ width: 1800, height: 1200 });
    restartEngine();
    expect(await handlers['image.proxy']({ assetId: asset.id, maxSide: 300 }, s.ctx)).toMatchObject({ width: 300, height: 200 });
    restartEngine();
    const { data } = await exportRaw(doc(1800, 1200, [layer(asset.id, 1800, 1200)]));
    expect(data.equals(await sharp(TRUCK).raw().toBuffer())).toBe(true);
  });

  it('reloads a BMP asset too (decoded by our own decoder)', async () => {
    const { buildBmp } = await import('../../helpers/images');
    const asset = await open(buildBmp({ width: 5, height: 3, bpp: 24, value: () => 0x3366cc }));
    restartEngine();
    const proxy = await handlers['image.proxy']({ assetId: asset.id, maxSide: 64 }, s.ctx);
    expect(proxy).toMatchObject({ width: 5, height: 3 });
    const { data } = await exportRaw(doc(5, 3, [layer(asset.id, 5, 3)]));
    expect(pixelAt(data, 5, 3, 4, 2)).toEqual([0x33, 0x66, 0xcc]);
  });

  it('answers NOT_FOUND for an asset this session never had', async () => {
    const unknown = 'a_doesnotexist' as AssetId;
    await expect(handlers['image.decoded']({ assetId: unknown }, s.ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(handlers['image.proxy']({ assetId: unknown, maxSide: 256 }, s.ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(handlers['document.exportPng']({ document: doc(4, 4, [layer(unknown, 4, 4)]) }, s.ctx)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('image.release', () => {
  it('drops the pixels and the asset folder; the asset is then NOT_FOUND', async () => {
    const asset = await open(
      await sharpRaw(8, 8, () => [1, 2, 3, 255])
        .png()
        .toBuffer(),
    );
    await handlers['image.decoded']({ assetId: asset.id }, s.ctx);
    expect(await handlers['image.release']({ assetId: asset.id }, s.ctx)).toEqual({});
    expect(existsSync(path.join(s.dir, 'assets', asset.id))).toBe(false);
    await expect(handlers['image.decoded']({ assetId: asset.id }, s.ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await handlers['image.release']({ assetId: asset.id }, s.ctx)).toEqual({}); // idempotent
  });

  it('released while the full decode runs: no pixels kept, no event sent', async (ctx) => {
    needsSharedImages(ctx);
    const fileId = await s.stage(await readFile(TRUCK));
    const { asset } = await handlers['image.open']({ fileId, name: 'x', maxProxySide: 128 }, s.ctx);
    await handlers['image.release']({ assetId: asset.id }, s.ctx); // before the background decode starts
    await new Promise((r) => setTimeout(r, 300));
    expect(s.events.filter((e) => (e.payload as { assetId?: string }).assetId === asset.id)).toEqual([]);
    expect(existsSync(path.join(s.dir, 'assets', asset.id))).toBe(false);
  });
});
