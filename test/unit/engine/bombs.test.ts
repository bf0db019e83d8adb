// Runs in: test tooling. Decompression bombs and gigabyte documents under the 250 MP cap: opening asks first,
// naming the size and the memory it would take, before a proxy or a decode allocates anything; a user who
// agreed goes ahead; beyond this machine's memory it is refused. Projects are judged from their manifest.
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { createEngineHandlers, hardenSharp } from '../../../src-main/engine/handlers';
import { checkImageBudget, checkProjectBudget } from '../../../src-main/engine/images/budget';
import { jpegClaiming, pngClaiming } from '../../helpers/bad-images';
import { makeSession, type TestSession } from '../../helpers/images';
import type { AssetId } from '../../../src-shared/document/ids';
import { readProject } from '../../../src-main/engine/project/read-project';
import { craftZip, doc, imageLayer } from '../project/fixtures';

const handlers = createEngineHandlers();
let s: TestSession;
beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
});
afterAll(() => s.cleanup());

/** A real 64 × 64 JPEG whose frame header (SOF0) claims width × height. */
async function jpegOf(width: number, height: number): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 90, g: 140, b: 200 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
  return jpegClaiming(jpeg, width, height);
}

const assetCount = async () => (existsSync(path.join(s.dir, 'assets')) ? (await readdir(path.join(s.dir, 'assets'))).length : 0);

async function openAnswer(bytes: Buffer, name: string, allowLarge?: boolean): Promise<unknown> {
  const fileId = await s.stage(bytes);
  return handlers['image.open']({ fileId, name, maxProxySide: 512, ...(allowLarge === undefined ? {} : { allowLarge }) }, s.ctx).catch(
    (e: unknown) => e,
  );
}

it('asks before opening a tiny JPEG that claims 15000 × 15000, naming the sizes, and allocates nothing', async () => {
  const bomb = await jpegOf(15000, 15000);
  expect(bomb.length).toBeLessThan(4096);
  const before = await assetCount();
  const err = await openAnswer(bomb, 'postcard.jpg');
  expect(err).toBeInstanceOf(AnyfillError);
  expect(err).toMatchObject({ code: 'NEEDS_CONFIRMATION' });
  const { message } = err as AnyfillError;
  expect(message).toMatch(/^postcard\.jpg claims to be 15000 × 15000 \(225 MP\) but the file is only [\d.]+ KB/);
  expect(message).toMatch(/decompression bomb/);
  expect(message).toMatch(/about 2\.5 GB of memory/);
  expect(await assetCount()).toBe(before);
});

it('goes ahead once the user agreed (and then meets the decoder, which finds the data missing)', async () => {
  const err = await openAnswer(pngClaiming(6000, 6000), 'flat.png', true);
  expect(err).toMatchObject({ code: 'CORRUPT_IMAGE' });
  expect(await openAnswer(pngClaiming(6000, 6000), 'flat.png')).toMatchObject({ code: 'NEEDS_CONFIRMATION' });
});

it('opens ordinary photos without asking', async () => {
  const photo = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: '#808080', noise: { type: 'gaussian' as const, mean: 128, sigma: 40 } },
  })
    .jpeg()
    .toBuffer();
  const opened = await openAnswer(photo, 'photo.jpg');
  expect(opened).toMatchObject({ asset: { width: 1200, height: 800 } });
});

it('asks for a genuine photo that needs gigabytes, and refuses one beyond the machine', () => {
  const claim = { width: 16000, height: 10000, fileBytes: 60_000_000, name: 'pano.tif' };
  expect(() => checkImageBudget(claim, false, 32 * 1024 ** 3)).toThrow(
    /^pano\.tif is 16000 × 10000 \(160 MP\): editing it needs about 1\.8 GB of memory\.$/,
  );
  expect(() => checkImageBudget(claim, true, 32 * 1024 ** 3)).not.toThrow();
  expect(() => checkImageBudget(claim, true, 1024 ** 3)).toThrow(/more than this computer has \(1 GB\)/);
  expect(() => checkImageBudget({ ...claim, width: 4000, height: 3000 }, false, 32 * 1024 ** 3)).not.toThrow();
});

it('asks before opening a small project whose manifest describes gigabytes of layers', async () => {
  const asset = (i: number) => ({
    id: `a_bomb000${i}`,
    path: `assets/a_bomb000${i}.png`,
    width: 12000,
    height: 12000,
    hasAlpha: true,
    sha256: '0'.repeat(64),
    sourceFormat: 'png',
  });
  expect(() => checkProjectBudget([asset(1), asset(2)], 657_000, 'This project', false, 32 * 1024 ** 3)).toThrow(
    'This project (641.6 KB) holds 2 images of 288 MP in all: opening it needs about 3.2 GB of memory.',
  );
  // A real saved project, then its manifest edited to claim two 12000 × 12000 layers (the PNGs stay tiny).
  const a = (await openAnswer(
    await sharp({ create: { width: 8, height: 8, channels: 4, background: '#fff' } })
      .png()
      .toBuffer(),
    'a.png',
  )) as { asset: { id: AssetId } };
  const saved = path.join(s.dir, 'real.anyfill');
  await handlers['project.saveTo'](
    { document: doc(8, 8, [imageLayer(a.asset.id, 8, 8), imageLayer(a.asset.id, 8, 8, { name: 'Copy' })]), path: saved },
    s.ctx,
  );
  const project = await readProject(saved);
  const manifest = structuredClone(project.manifest) as unknown as {
    assets: Array<Record<string, unknown>>;
    document: { width: number; height: number; layers: Array<Record<string, unknown>> };
  };
  const pngs = await Promise.all(project.manifest.assets.map((x) => project.readAsset(x)));
  project.close();
  for (const x of manifest.assets) Object.assign(x, { width: 12000, height: 12000 });
  Object.assign(manifest.document, { width: 12000, height: 12000 });
  for (const l of manifest.document.layers) Object.assign(l, { width: 12000, height: 12000 });
  manifest.assets.push({ ...manifest.assets[0]!, id: 'a_second01', path: 'assets/a_second01.png' });
  manifest.document.layers[1]!.assetId = 'a_second01';
  const file = path.join(s.dir, 'small.anyfill');
  const entries = [
    ...project.manifest.assets.map((x, i) => ({ name: x.path, data: pngs[i]! })),
    { name: 'assets/a_second01.png', data: pngs[0]! },
  ];
  await writeFile(file, await craftZip([...entries, { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }]));
  const err = await handlers['project.openPath']({ path: file }, s.ctx).catch((e: unknown) => e);
  expect(err).toMatchObject({
    code: 'NEEDS_CONFIRMATION',
    message: expect.stringMatching(
      /^This project \([\d.]+ KB\) holds 2 images of 288 MP in all: opening it needs about 3\.2 GB of memory\.$/,
    ),
  });
});
