// Runs in: vitest (node). The source's ICC profile and EXIF (orientation reset: pixels are upright) kept on
// the original's PNG and the composite; document.exportLayers as one zip plus a PSD; exportLayersTo's path.
import { mkdtemp, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPORT_CHOICES } from '../../../src-shared/contract/export-payloads';
import { newDocumentId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import { exportLayersToFolder } from '../../../src-main/engine/export/export-folder';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { makeSession, type TestSession } from '../../helpers/images';
import { H, W, buildDocument, handlers, imageLayer, openBytes, photo } from './fixture';

let s: TestSession;

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
});
afterAll(() => s.cleanup());

describe('colour profile and EXIF', () => {
  it('keeps a Display P3 photo’s profile and EXIF on the original and the composite, orientation reset', async () => {
    // Stored 80 wide × 120 high with orientation 6 ("rotate 90° clockwise"): upright it is W × H.
    const jpeg = await sharp(photo(), { raw: { width: W, height: H, channels: 3 } })
      .rotate(-90)
      .withIccProfile('p3')
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Copyright: 'Anyfill test', Make: 'TestCam' } })
      .jpeg({ quality: 95 })
      .toBuffer();
    const source = await sharp(jpeg).metadata();
    expect([source.orientation, source.icc !== undefined]).toEqual([6, true]);
    const asset = await openBytes(s, jpeg, 'p3.jpg');
    const doc: EditorDocument = {
      id: newDocumentId(),
      schemaVersion: 1,
      name: 'p3.jpg',
      width: W,
      height: H,
      layers: [imageLayer(asset, 'p3.jpg', W, H)],
    };
    const dir = await mkdtemp(path.join(s.dir, 'icc-'));
    const m = await exportLayersToFolder(s.ctx, doc, dir, { psd: false });
    expect(m.layers[0]).toMatchObject({ sourceProfile: true });
    const { pixels } = await s.ctx.services.assets.ensureDecoded(asset);
    for (const file of ['layer-p3-jpg.png', 'composite.png']) {
      const bytes = await readFile(path.join(dir, file));
      const meta = await sharp(bytes).metadata();
      expect(meta.icc?.equals(source.icc!)).toBe(true);
      expect(meta.exif?.toString('latin1')).toContain('TestCam');
      expect(meta.orientation ?? 1).toBe(1); // already upright: a viewer must not rotate it again
      expect([meta.width, meta.height]).toEqual([W, H]);
      // Converted into P3 and back by any colour-managed reader: the on-screen pixels within rounding.
      const shown = await sharp(bytes).raw().toBuffer();
      let worst = 0;
      for (let i = 0; i < shown.length; i++) worst = Math.max(worst, Math.abs(shown[i]! - pixels.data[i]!));
      expect(worst).toBeLessThanOrEqual(3);
    }
  });

  it('adds no profile or EXIF where the source had none', async () => {
    const s2 = await makeSession();
    try {
      const dir = await mkdtemp(path.join(s2.dir, 'plain-'));
      await exportLayersToFolder(s2.ctx, await buildDocument(s2), dir, { psd: false });
      const meta = await sharp(path.join(dir, 'composite.png')).metadata();
      expect([meta.icc, meta.exif]).toEqual([undefined, undefined]);
    } finally {
      await s2.cleanup();
    }
  });
});

describe('export channels', () => {
  it('document.exportLayers: one zip of the folder and the PSD apart', async () => {
    const doc = await buildDocument(s);
    const r = await handlers['document.exportLayers']({ document: doc, choices: DEFAULT_EXPORT_CHOICES }, s.ctx);
    expect(r.zip?.file.path).toMatch(/^exports\/e_[\w-]+\.zip$/);
    expect(r.psd?.file.path).toMatch(/^exports\/e_[\w-]+\.psd$/);
    const names = await zipNames(path.join(s.dir, r.zip!.file.path));
    expect(names.sort()).toEqual(r.manifest.files.map((f) => `photo-layers/${f}`).sort());
    expect(names).not.toContain('photo-layers/photo.psd');
    expect((await readFile(path.join(s.dir, r.psd!.file.path))).subarray(0, 4).toString('latin1')).toBe('8BPS');

    const onlyPsd = await handlers['document.exportLayers'](
      { document: doc, choices: { layers: false, masks: false, cutouts: false, composite: false, psd: true } },
      s.ctx,
    );
    expect(onlyPsd.zip).toBeNull();
    expect(onlyPsd.psd).not.toBeNull();
  });

  it('document.exportLayersTo writes into an absolute folder and refuses a relative one', async () => {
    const doc = await buildDocument(s);
    const dir = path.join(await mkdtemp(path.join(s.dir, 'to-')), 'new folder');
    const r = await handlers['document.exportLayersTo']({ document: doc, dir, choices: DEFAULT_EXPORT_CHOICES }, s.ctx);
    expect(r.dir).toBe(dir);
    expect(r.manifest.psd).toBe('photo.psd');
    await expect(
      handlers['document.exportLayersTo']({ document: doc, dir: 'relative/out', choices: DEFAULT_EXPORT_CHOICES }, s.ctx),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

function zipNames(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
