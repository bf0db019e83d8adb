// Runs in: vitest (node). exportLayersToFolder: the layer PNGs composited with layers.json's offsets and
// opacities give exactly composite.png, which is exactly document.exportPng's PNG; masks are 8-bit,
// full size and equal to the engine's full-resolution mask; cut-outs carry the mask as alpha over the
// visible pixels (a generated layer over the photo shows in them).
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayersManifestSchema, type LayersManifest } from '../../../src-shared/contract/export-payloads';
import type { EditorDocument, SelectionLayer } from '../../../src-shared/document/types';
import { exportLayersToFolder } from '../../../src-main/engine/export/export-folder';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { compositeLayers, dropAlpha, isOpaque, type CompositeLayer } from '../../../src-main/engine/images/composite';
import { fullResSelectionMask } from '../../../src-main/engine/selection/full-res-mask';
import { makeSession, type TestSession } from '../../helpers/images';
import { H, RECT, W, buildDocument, exportPngBytes, readPng } from './fixture';

let s: TestSession;
let doc: EditorDocument;
let dir: string;
let manifest: LayersManifest;

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  doc = await buildDocument(s);
  dir = await mkdtemp(path.join(s.dir, 'out-'));
  manifest = await exportLayersToFolder(s.ctx, doc, dir);
});
afterAll(() => s.cleanup());

describe('exportLayersToFolder', () => {
  it('writes layers.json naming every file, in document order, and nothing else', async () => {
    const written = LayersManifestSchema.parse(JSON.parse(await readFile(path.join(dir, 'layers.json'), 'utf8')));
    expect(written).toEqual(manifest);
    expect(manifest.document).toEqual({ name: 'Photo.PNG', width: W, height: H });
    expect(manifest.layers.map((l) => [l.index, l.kind, l.name, l.file])).toEqual([
      [0, 'image', 'photo.png', 'layer-photo-png.png'],
      [1, 'selection', 'Selection 1', 'mask-selection-1.png'],
      [2, 'image', 'Fill (PatchMatch, seed 7)', 'layer-fill-patchmatch-seed-7.png'],
      [3, 'image', 'small.png', 'layer-small-png.png'],
      [4, 'image', 'hidden', 'layer-hidden.png'],
    ]);
    expect(manifest.layers[3]).toMatchObject({ x: -10, y: 70, width: 30, height: 20, opacity: 0.5, visible: true });
    expect(manifest.layers[4]).toMatchObject({ visible: false });
    expect(manifest.psd).toBe('photo.psd');
    expect((await readdir(dir)).sort()).toEqual([...manifest.files].sort());
  });

  it('writes opaque originals as RGB and results as RGBA', async () => {
    expect((await readPng(path.join(dir, 'layer-photo-png.png'))).channels).toBe(3);
    expect((await readPng(path.join(dir, 'layer-fill-patchmatch-seed-7.png'))).channels).toBe(4);
  });

  it('composites the layer PNGs with layers.json to exactly composite.png, which is exactly Export PNG', async () => {
    const layers: CompositeLayer[] = [];
    for (const l of manifest.layers) {
      if (l.kind !== 'image' || !l.visible || !l.file) continue;
      const p = await readPng(path.join(dir, l.file));
      layers.push({
        pixels: { data: p.data, width: p.width, height: p.height, channels: p.channels as 3 | 4 },
        x: l.x,
        y: l.y,
        opacity: l.opacity,
      });
    }
    const composite = await readPng(path.join(dir, 'composite.png'));
    const rgba = compositeLayers(W, H, layers);
    // The photo covers the canvas, so composite.png is RGB, as Export PNG writes an opaque result.
    expect(isOpaque(rgba)).toBe(true);
    expect(composite.channels).toBe(3);
    expect(Buffer.compare(composite.data, dropAlpha(rgba))).toBe(0);
    expect(Buffer.compare(composite.bytes, await exportPngBytes(s, doc))).toBe(0);
  });

  it('writes each mask as an 8-bit grey PNG of the image’s size, equal to the full-resolution mask', async () => {
    const sel = doc.layers[1] as SelectionLayer;
    const png = await readPng(path.join(dir, 'mask-selection-1.png'));
    expect([png.meta.channels, png.meta.depth, png.width, png.height]).toEqual([1, 'uchar', W, H]);
    const expected = fullResSelectionMask(sel, (await s.ctx.services.assets.ensureDecoded(sel.assetId)).pixels);
    expect(Buffer.compare(png.data, Buffer.from(expected.data))).toBe(0);
    expect(png.data[35 * W + 50]).toBe(255);
    expect(png.data[5 * W + 5]).toBe(0);
  });

  it('writes each cut-out cropped to the mask’s box, alpha = mask, colours = what is seen (the fill layer over the photo)', async () => {
    const entry = manifest.layers[1]!;
    expect(entry.cutout).toEqual({
      file: 'cutout-selection-1.png',
      x: RECT.x0,
      y: RECT.y0,
      width: RECT.x1 - RECT.x0,
      height: RECT.y1 - RECT.y0,
    });
    const png = await readPng(path.join(dir, entry.cutout!.file));
    expect(png.channels).toBe(4); // a solid rectangle still keeps its alpha channel
    const sel = doc.layers[1] as SelectionLayer;
    const { pixels } = await s.ctx.services.assets.ensureDecoded(sel.assetId);
    const mask = fullResSelectionMask(sel, pixels);
    const seen = await readPng(path.join(dir, 'composite.png'));
    let changedByFill = 0;
    for (let y = 0; y < png.height; y++) {
      for (let x = 0; x < png.width; x++) {
        const i = (y * png.width + x) * 4;
        const src = (y + RECT.y0) * W + x + RECT.x0;
        expect(png.data[i + 3]).toBe(mask.data[src]);
        expect([...png.data.subarray(i, i + 3)]).toEqual([...seen.data.subarray(src * 3, src * 3 + 3)]);
        if (png.data[i] !== pixels.data[src * 3]) changedByFill++;
      }
    }
    // The fill's opaque disc (centre 50,35, radius ~18) lies inside the rectangle: there the photo's red is gone.
    const centre = ((35 - RECT.y0) * png.width + (50 - RECT.x0)) * 4;
    expect([...png.data.subarray(centre, centre + 3)]).not.toEqual([220, 30, 30]);
    expect(changedByFill).toBeGreaterThan(500);
  });

  it('writes only what was chosen', async () => {
    const only = await mkdtemp(path.join(s.dir, 'only-'));
    const m = await exportLayersToFolder(s.ctx, doc, only, { layers: false, cutouts: false, psd: false });
    expect((await readdir(only)).sort()).toEqual(['composite.png', 'layers.json', 'mask-selection-1.png']);
    expect(m.layers[0]!.file).toBeNull();
    expect(m.layers[1]!.cutout).toBeUndefined();
    expect(m.psd).toBeUndefined();
  });
});
