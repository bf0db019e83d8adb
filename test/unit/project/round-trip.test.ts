// Runs in: test tooling. Save → open is lossless: every layer's pixels come back byte-identical and the
// document deep-equal apart from the new asset ids; both the host-path and the exports/ + staged routes.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AssetId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { readProject } from '../../../src-main/engine/project/read-project';
import { makeSession, type TestSession } from '../../helpers/images';
import { doc, handlers, imageLayer, openBytes, pixelsOf, rgbaPng, rgbPng, rotatedJpeg, selectionLayer } from './fixtures';

let s: TestSession;
beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
});
afterAll(() => s.cleanup());

async function threeLayerDoc(): Promise<EditorDocument> {
  const rgb = await openBytes(s, await rgbPng());
  const rgba = await openBytes(s, await rgbaPng());
  const rotated = await openBytes(s, await rotatedJpeg());
  expect([rotated.width, rotated.height, rotated.orientation]).toEqual([16, 32, 6]);
  return doc(40, 40, [
    imageLayer(rgb.id, 24, 16, { name: 'Background' }),
    imageLayer(rgba.id, 20, 12, { name: 'Overlay', x: 5, y: -3, opacity: 0.4 }),
    imageLayer(rotated.id, 16, 32, { name: 'Upright', x: 20, y: 6, visible: false }),
    selectionLayer(rgb.id),
  ]);
}

/** The document with each asset id replaced by its position of first use, so two saves compare equal. */
function normalise(d: EditorDocument): unknown {
  const order: AssetId[] = [];
  return {
    ...d,
    layers: d.layers.map((l) => ({
      ...l,
      assetId: `#${order.includes(l.assetId) ? order.indexOf(l.assetId) : order.push(l.assetId) - 1}`,
    })),
  };
}

async function expectSamePixels(before: EditorDocument, after: EditorDocument): Promise<void> {
  for (const [i, layer] of before.layers.entries()) {
    const a = await pixelsOf(s, layer.assetId);
    const b = await pixelsOf(s, after.layers[i]!.assetId);
    expect([b.width, b.height, b.channels]).toEqual([a.width, a.height, a.channels]);
    expect(b.data.equals(a.data), `pixels of ${layer.name}`).toBe(true);
  }
}

it('saves to a path and opens it back losslessly, with new asset ids', async () => {
  const before = await threeLayerDoc();
  const file = path.join(s.dir, 'holiday.anyfill');
  const saved = await handlers['project.saveTo']({ document: before, path: file }, s.ctx);
  expect(saved).toEqual({ bytes: (await readFile(file)).length, backup: false });

  const opened = await handlers['project.openPath']({ path: file }, s.ctx);
  expect(normalise(opened.document)).toEqual(normalise(before));
  expect(opened.document.id).toBe(before.id);
  const oldIds = new Set(before.layers.map((l) => l.assetId));
  for (const l of opened.document.layers) expect(oldIds.has(l.assetId)).toBe(false);
  expect(opened.assets.map((a) => [a.asset.width, a.asset.height, a.asset.hasAlpha, a.asset.format])).toEqual([
    [24, 16, false, 'png'],
    [20, 12, true, 'png'],
    [16, 32, false, 'jpeg'],
  ]);
  expect(opened.notices).toEqual([]);
  await expectSamePixels(before, opened.document);
  // The selection layer and the first image layer still share one asset.
  expect(opened.document.layers[3]!.assetId).toBe(opened.document.layers[0]!.assetId);
});

it('stores full-resolution PNGs and a manifest with sizes, checksums and source formats', async () => {
  const before = await threeLayerDoc();
  const file = path.join(s.dir, 'manifest.anyfill');
  await handlers['project.saveTo']({ document: before, path: file }, s.ctx);
  const project = await readProject(file);
  try {
    expect(project.manifest.schemaVersion).toBe(1);
    expect(project.manifest.app.name).toBe('Anyfill');
    expect(project.manifest.document).toEqual(before);
    expect(project.manifest.assets.map((a) => [a.path, a.width, a.height, a.hasAlpha, a.sourceFormat])).toEqual([
      [`assets/${before.layers[0]!.assetId}.png`, 24, 16, false, 'png'],
      [`assets/${before.layers[1]!.assetId}.png`, 20, 12, true, 'png'],
      [`assets/${before.layers[2]!.assetId}.png`, 16, 32, false, 'jpeg'],
    ]);
  } finally {
    project.close();
  }
});

it('project.save writes exports/<id>.anyfill that project.open reads back from the inbox', async () => {
  const before = await threeLayerDoc();
  const saved = await handlers['project.save']({ document: before, name: 'Holiday: day 1.' }, s.ctx);
  expect(saved.file.path).toBe(`exports/${saved.id}.anyfill`);
  expect(saved.suggestedName).toBe('Holiday_ day 1.anyfill');
  const bytes = await readFile(path.join(s.dir, saved.file.path));
  expect(bytes.length).toBe(saved.bytes);
  const opened = await handlers['project.open']({ fileId: await s.stage(bytes), maxProxySide: 128 }, s.ctx);
  expect(normalise(opened.document)).toEqual(normalise(before));
  await expectSamePixels(before, opened.document);
  expect(opened.assets[0]!.proxy.path).toMatch(/^assets\/a_[A-Za-z0-9_-]+\/proxy-/);
});

it('saving the same document twice gives the same asset bytes (fixed entry times)', async () => {
  const before = await threeLayerDoc();
  const [a, b] = [path.join(s.dir, 'a.anyfill'), path.join(s.dir, 'b.anyfill')];
  await handlers['project.saveTo']({ document: before, path: a }, s.ctx);
  await handlers['project.saveTo']({ document: before, path: b }, s.ctx);
  const [pa, pb] = [await readProject(a), await readProject(b)];
  expect(pa.manifest.assets).toEqual(pb.manifest.assets);
  pa.close();
  pb.close();
});

it("keeps a result's pipeline log pointing at the reopened images (its input, its result, its selection)", async () => {
  const photo = await openBytes(s, await rgbPng());
  const patch = await openBytes(s, await rgbaPng());
  const sel = selectionLayer(photo.id);
  const sha = 'a'.repeat(64);
  const result = imageLayer(patch.id, 20, 12, {
    name: 'Fill (PatchMatch, seed 7)',
    provenance: {
      kind: 'content-aware-fill',
      createdAt: '2026-11-23T21:00:00.000Z',
      appVersion: '0.1.0',
      input: { assetId: photo.id, sha256: sha, width: 24, height: 16 },
      selection: sel,
      request: { seed: 7, method: 'patchmatch', requestedMethod: 'auto' },
      models: [],
      result: { assetId: patch.id, sha256: sha, x: 2, y: 3, width: 20, height: 12 },
      timings: { total: 12 },
    },
  });
  const before = doc(24, 16, [imageLayer(photo.id, 24, 16, { name: 'Photo' }), result, sel]);
  const file = path.join(s.dir, 'logged.anyfill');
  await handlers['project.saveTo']({ document: before, path: file }, s.ctx);
  const opened = (await handlers['project.openPath']({ path: file }, s.ctx)).document;
  const [photoAfter, resultAfter] = opened.layers;
  if (resultAfter?.kind !== 'image' || !resultAfter.provenance) throw new Error('the result layer lost its log');
  expect(resultAfter.provenance.input.assetId).toBe(photoAfter!.assetId);
  expect(resultAfter.provenance.result.assetId).toBe(resultAfter.assetId);
  expect(resultAfter.provenance.selection?.assetId).toBe(photoAfter!.assetId);
  expect(resultAfter.provenance.request).toEqual({ seed: 7, method: 'patchmatch', requestedMethod: 'auto' });
});
