// Runs in: vitest (node). The layered PSD read back with ag-psd (same names, order, offsets, opacity,
// visibility and pixels; the merged image is the composite), and file names that stay in the folder.
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Layer } from 'ag-psd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditorDocument, SelectionLayer } from '../../../src-shared/document/types';
import { planExport, planFiles, slugify } from '../../../src-shared/export/file-names';
import { DEFAULT_EXPORT_CHOICES } from '../../../src-shared/contract/export-payloads';
import { compositeDocument } from '../../../src-main/engine/export/composite-document';
import { exportLayersToFolder } from '../../../src-main/engine/export/export-folder';
import { toRgba } from '../../../src-main/engine/export/selection-parts';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { fullResSelectionMask } from '../../../src-main/engine/selection/full-res-mask';
import { makeSession, type TestSession } from '../../helpers/images';
import { readPsdFile } from '../../helpers/psd';
import { RECT, W, buildDocument } from './fixture';

let s: TestSession;
let doc: EditorDocument;

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  doc = await buildDocument(s);
});
afterAll(() => s.cleanup());

describe('layered PSD', () => {
  it('reads back with the same layers, offsets, opacity, visibility and pixels; merged image = composite', async () => {
    const dir = await mkdtemp(path.join(s.dir, 'psd-'));
    const m = await exportLayersToFolder(s.ctx, doc, dir, { layers: false, masks: false, cutouts: false, composite: false });
    const psd = readPsdFile(await readFile(path.join(dir, m.psd!)));
    expect([psd.width, psd.height]).toEqual([doc.width, doc.height]);
    const children = psd.children ?? [];
    expect(children.map((l) => l.name)).toEqual(doc.layers.map((l) => l.name)); // bottom → top, as the document
    for (const [i, layer] of doc.layers.entries()) {
      if (layer.kind !== 'image') continue;
      const got = children[i]!;
      expect([got.left, got.top, got.hidden ?? false]).toEqual([layer.x, layer.y, !layer.visible]);
      expect(got.opacity).toBeCloseTo(layer.opacity, 2);
      const { pixels } = await s.ctx.services.assets.ensureDecoded(layer.assetId);
      expect([got.imageData?.width, got.imageData?.height]).toEqual([pixels.width, pixels.height]);
      expect(Buffer.compare(Buffer.from(got.imageData!.data as Uint8Array), toRgba(pixels))).toBe(0);
    }
    expect(Buffer.compare(Buffer.from(psd.imageData!.data as Uint8Array), await compositeDocument(s.ctx.services.assets, doc))).toBe(0);
  });

  it('stores a selection as a hidden layer over the mask’s box, under a layer mask equal to the selection', async () => {
    const dir = await mkdtemp(path.join(s.dir, 'psd-'));
    const m = await exportLayersToFolder(s.ctx, doc, dir, { layers: false, masks: false, cutouts: false, composite: false });
    const layer: Layer = readPsdFile(await readFile(path.join(dir, m.psd!))).children![1]!;
    expect([layer.hidden, layer.left, layer.top, layer.right, layer.bottom]).toEqual([true, RECT.x0, RECT.y0, RECT.x1, RECT.y1]);
    const sel = doc.layers[1] as SelectionLayer;
    const mask = fullResSelectionMask(sel, (await s.ctx.services.assets.ensureDecoded(sel.assetId)).pixels);
    const got = layer.mask!.imageData!;
    expect([layer.mask!.left, layer.mask!.top, got.width, got.height]).toEqual([RECT.x0, RECT.y0, RECT.x1 - RECT.x0, RECT.y1 - RECT.y0]);
    let wrong = 0;
    const ch = got.data.length / (got.width * got.height); // ag-psd gives masks back as RGBA or one byte a pixel
    for (let y = 0; y < got.height; y++)
      for (let x = 0; x < got.width; x++) if (got.data[(y * got.width + x) * ch] !== mask.data[(y + RECT.y0) * W + x + RECT.x0]) wrong++;
    expect(wrong).toBe(0);
  });
});

describe('export file names', () => {
  it('slugifies names into plain, safe file names', () => {
    expect(slugify('../evil')).toBe('evil');
    expect(slugify('a/b')).toBe('a-b');
    expect(slugify('..\\..\\C:\\Windows')).toBe('c-windows');
    expect(slugify('Crème Brûlée!')).toBe('creme-brulee');
    expect(slugify('...')).toBe('layer');
    expect(slugify('x'.repeat(300))).toHaveLength(60);
  });

  it('keeps every file inside the folder and unique, whatever the layers are called', async () => {
    const base = doc.layers[0]!;
    const sel = doc.layers[1]!;
    const tricky: EditorDocument = {
      ...doc,
      name: '../../etc/passwd',
      layers: [
        { ...base, name: '../evil' },
        { ...base, id: 'l_b' as typeof base.id, name: 'a/b' },
        { ...base, id: 'l_c' as typeof base.id, name: 'A\\B' },
        { ...base, id: 'l_d' as typeof base.id, name: 'composite' },
        { ...sel, name: '/' },
      ],
    };
    const files = planFiles(planExport(tricky, DEFAULT_EXPORT_CHOICES));
    expect(files).toEqual([
      'layer-evil.png',
      'layer-a-b.png',
      'layer-a-b-2.png',
      'layer-composite.png',
      'mask-layer.png',
      'cutout-layer.png',
      'composite.png',
      'etc-passwd.psd',
      'layers.json',
    ]);
    const dir = await mkdtemp(path.join(s.dir, 'names-'));
    const m = await exportLayersToFolder(s.ctx, tricky, path.join(dir, 'out'));
    expect(await readdir(dir)).toEqual(['out']);
    expect((await readdir(path.join(dir, 'out'))).sort()).toEqual([...files].sort());
    expect(m.files.sort()).toEqual([...files].sort());
  });
});
