// Runs in: test tooling. `anyfill export --project P --out DIR` writes every layer (selections as full-size
// masks), composite.png and layers.json; `anyfill project info P` summarises the manifest; bad files exit 1.
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runExport } from '../../../src-main/cli/export-command';
import { runProject } from '../../../src-main/cli/project-command';
import type { AssetId } from '../../../src-shared/document/ids';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { fullResSelectionMask } from '../../../src-main/engine/selection/full-res-mask';
import { makeSession, type TestSession } from '../../helpers/images';
import { doc, handlers, imageLayer, openBytes, pixelsOf, rgbaPng, rgbPng, selectionLayer } from './fixtures';

let s: TestSession;
let file: string;
let sky: SelectionLayer;
let rgbId: AssetId;
beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  const rgb = await openBytes(s, await rgbPng());
  const rgba = await openBytes(s, await rgbaPng());
  file = path.join(s.dir, 'p.anyfill');
  const d = doc(30, 20, [
    imageLayer(rgb.id, 24, 16, { name: 'Background' }),
    imageLayer(rgba.id, 20, 12, { name: 'Sticker!', x: 10, y: 8, opacity: 0.5 }),
    (sky = selectionLayer(rgb.id)),
  ]);
  rgbId = rgb.id;
  await handlers['project.saveTo']({ document: d, path: file }, s.ctx);
});
afterAll(() => s.cleanup());

function capture() {
  const io = { out: '', err: '' };
  return { io, streams: { stdout: { write: (t: string) => (io.out += t) }, stderr: { write: (t: string) => (io.err += t) } } };
}

it('exports each layer, the composite and layers.json', async () => {
  const dir = path.join(s.dir, 'out');
  const { io, streams } = capture();
  expect(await runExport(['--project', file, '--out', dir], streams)).toBe(0);
  // The layered export's own layout (src-main/engine/export): layer-, mask- and cutout- PNGs, the PSD.
  expect((await readdir(dir)).sort()).toEqual([
    'composite.png',
    'cutout-sky.png',
    'holiday.psd',
    'layer-background.png',
    'layer-sticker.png',
    'layers.json',
    'mask-sky.png',
  ]);
  expect(io.out).toContain('3 layers, composite.png 30×20');

  const described = JSON.parse(await readFile(path.join(dir, 'layers.json'), 'utf8'));
  expect(described).toMatchObject({ document: { name: 'Holiday', width: 30, height: 20 }, composite: 'composite.png' });
  expect(described.layers.map((l: Record<string, unknown>) => [l.file, l.kind, l.x, l.y, l.width, l.height, l.opacity])).toEqual([
    ['layer-background.png', 'image', 0, 0, 24, 16, 1],
    ['layer-sticker.png', 'image', 10, 8, 20, 12, 0.5],
    ['mask-sky.png', 'selection', 0, 0, 24, 16, 1],
  ]);

  const bg = await sharp(path.join(dir, 'layer-background.png')).raw().toBuffer({ resolveWithObject: true });
  expect(bg.info.channels).toBe(3);
  const sticker = await sharp(path.join(dir, 'layer-sticker.png')).raw().toBuffer({ resolveWithObject: true });
  expect(sticker.info.channels).toBe(4);
  expect((await sharp(path.join(dir, 'mask-sky.png')).metadata()).channels).toBe(1); // an 8-bit grey PNG
  const mask = await sharp(path.join(dir, 'mask-sky.png')).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  expect([mask.info.width, mask.info.height]).toEqual([24, 16]);
  expect(mask.data.some((v) => v > 128)).toBe(true);
  expect(mask.data.equals(Buffer.from(fullResSelectionMask(sky, await pixelsOf(s, rgbId)).data))).toBe(true);
  const composite = await sharp(path.join(dir, 'composite.png')).raw().toBuffer({ resolveWithObject: true });
  expect([composite.info.width, composite.info.height, composite.info.channels]).toEqual([30, 20, 4]); // transparent corner
  // Top-left pixel is the background's own pixel, untouched by the sticker.
  const bgPixels = await pixelsOf(s, (await handlers['project.openPath']({ path: file }, s.ctx)).document.layers[0]!.assetId);
  expect([...composite.data.subarray(0, 3)]).toEqual([...bgPixels.data.subarray(0, 3)]);
});

it('project info prints the manifest summary, and --json the same as data', async () => {
  const { io, streams } = capture();
  expect(await runProject(['info', file], streams)).toBe(0);
  expect(io.out).toMatch(/^Holiday: 30×20, 3 layers, 2 images\nsaved .* by Anyfill .*, schema 1\n/);
  expect(io.out).toContain('3. selection “Sky”');
  const json = capture();
  expect(await runProject(['info', file, '--json'], json.streams)).toBe(0);
  expect(JSON.parse(json.io.out)).toMatchObject({
    name: 'Holiday',
    layers: [{ kind: 'image' }, { kind: 'image' }, { kind: 'selection' }],
    schemaVersion: 1,
  });
});

it('refuses a damaged project with exit 1 and the reason; usage errors exit 2', async () => {
  const bad = path.join(s.dir, 'bad.anyfill');
  await writeFile(bad, 'nope');
  const a = capture();
  expect(await runProject(['info', bad], a.streams)).toBe(1);
  expect(a.io.err).toBe('anyfill project: This file is not an Anyfill project (it is not a zip archive).\n');
  const b = capture();
  expect(await runExport(['--project', bad, '--out', path.join(s.dir, 'never')], b.streams)).toBe(1);
  expect(b.io.err).toContain('not an Anyfill project');
  expect(await runExport(['--project', file], capture().streams)).toBe(2);
  expect(await runProject(['frobnicate'], capture().streams)).toBe(2);
});
