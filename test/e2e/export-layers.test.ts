// Runs in: tests (node → Chromium). With no model installed: open a photo, select a flat shape with the
// magic wand, content-aware fill it, then File › Export Layers… with every choice. The downloaded zip's
// layers.json and PNGs composite to exactly its composite.png, which equals Export PNG's (on-screen)
// composite; the PSD downloads apart and reads back with the same layers and merged image.
import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import sharp from 'sharp';
import yauzl from 'yauzl';
import { beforeAll, describe, expect, it } from 'vitest';
import { LayersManifestSchema } from '../../src-shared/contract/export-payloads';
import { compositeLayers, dropAlpha, isOpaque, type CompositeLayer } from '../../src-main/engine/images/composite';
import { readPsdFile } from '../helpers/psd';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

const W = 600;
const H = 400;
const RECT = { x0: 200, y0: 120, x1: 320, y1: 220 };
const inRect = (x: number, y: number) => x >= RECT.x0 && x < RECT.x1 && y >= RECT.y0 && y < RECT.y1;

function photo(): Buffer {
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++)
      out.set(inRect(x, y) ? [220, 40, 40] : Math.floor(x / 12) % 2 ? [40, 70, 150] : [90, 130, 210], (y * W + x) * 3);
  }
  return out;
}

type Hook = AnyfillTestHook<{ document: { layers: Array<{ kind: string; name: string }> }; history: { undo: string[] } }>;
const state = (p: Page) => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState());

/** Every file of a zip, by name. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on('entry', (e: yauzl.Entry) => {
        zip.openReadStream(e, (err2, stream) => {
          if (err2) return reject(err2);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(e.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.readEntry();
    });
  });
}

const raw = (png: Buffer) => sharp(png).raw().toBuffer({ resolveWithObject: true });

describe('export layers, with no models installed', () => {
  const fx = useEditor({ models: 'none' });
  let page: Page;
  let editor: EditorPage;
  const undoCount = async () => (await state(page)).history.undo.length;

  beforeAll(() => {
    ({ page, editor } = fx);
  });

  it('makes a wand selection and a content-aware fill layer', async () => {
    await editor.openBytesWithDialog(
      'stripes.png',
      await sharp(photo(), { raw: { width: W, height: H, channels: 3 } })
        .png()
        .toBuffer(),
    );
    await editor.waitForLayers(1);
    await editor.waitIdle();
    const rect = await editor.documentRect();
    await page.keyboard.press('w');
    const base = await undoCount();
    await page.mouse.click(rect.x + ((RECT.x0 + RECT.x1) / 2 / W) * rect.w, rect.y + ((RECT.y0 + RECT.y1) / 2 / H) * rect.h);
    await expect.poll(undoCount).toBe(base + 1);
    await page.getByTestId('fill-method').selectOption('patchmatch');
    await page.getByTestId('fill-seed').fill('3');
    await page.getByTestId('fill-seed').blur();
    await page.keyboard.press('Shift+Backspace');
    await expect.poll(undoCount, { timeout: 60_000 }).toBe(base + 2);
    expect((await state(page)).document.layers.map((l) => l.kind)).toEqual(['image', 'image', 'selection']);
  });

  it('File › Export Layers… writes a zip whose layers composite to the on-screen composite, and a PSD', async () => {
    const shown = page.waitForEvent('download');
    await page.getByTestId('export-button').click(); // Export PNG: the on-screen composite at full size
    const onScreen = await raw(await readFile(await (await shown).path()));

    await page.getByTestId('menu-file').click();
    await page.locator('[data-command="file.exportLayers"]').click();
    const dialog = page.getByTestId('export-dialog');
    await dialog.waitFor();
    for (const c of ['layers', 'masks', 'cutouts', 'composite', 'psd'])
      expect(await page.getByTestId(`export-choice-${c}`).isChecked()).toBe(true);
    const listed = await page.getByTestId('export-files').innerText();
    for (const f of [
      'layer-stripes-png.png',
      'mask-selection-1.png',
      'cutout-selection-1.png',
      'composite.png',
      'stripes.psd',
      'layers.json',
    ])
      expect(listed).toContain(f);

    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await page.getByTestId('export-layers-run').click();
    await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(2);
    const byName = new Map(downloads.map((d) => [d.suggestedFilename(), d]));
    expect([...byName.keys()].sort()).toEqual(['stripes-layers.zip', 'stripes.psd']);

    const files = await unzip(await readFile(await byName.get('stripes-layers.zip')!.path()));
    const inZip = (name: string) => files.get(`stripes-layers/${name}`)!;
    const manifest = LayersManifestSchema.parse(JSON.parse(inZip('layers.json').toString('utf8')));
    expect([...files.keys()].sort()).toEqual(manifest.files.map((f) => `stripes-layers/${f}`).sort());
    expect(manifest.layers.map((l) => l.name)).toEqual((await state(page)).document.layers.map((l) => l.name));

    const layers: CompositeLayer[] = [];
    for (const l of manifest.layers) {
      if (l.kind !== 'image' || !l.visible || !l.file) continue;
      const { data, info } = await raw(inZip(l.file));
      layers.push({
        pixels: { data, width: info.width, height: info.height, channels: info.channels as 3 | 4 },
        x: l.x,
        y: l.y,
        opacity: l.opacity,
      });
    }
    expect(layers).toHaveLength(2);
    expect(layers[1]!.pixels.channels).toBe(4); // the fill is transparent outside its mask
    const rebuilt = compositeLayers(W, H, layers);
    expect(isOpaque(rebuilt)).toBe(true);
    const composite = await raw(inZip('composite.png'));
    expect(Buffer.compare(composite.data, dropAlpha(rebuilt))).toBe(0);
    expect(Buffer.compare(composite.data, onScreen.data)).toBe(0);

    const mask = await sharp(inZip('mask-selection-1.png')).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect([mask.info.width, mask.info.height]).toEqual([W, H]);
    let wrong = 0;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (mask.data[y * W + x]! >= 128 !== inRect(x, y)) wrong++;
    expect(wrong).toBe(0);

    const psd = readPsdFile(await readFile(await byName.get('stripes.psd')!.path()));
    expect(psd.children?.map((l) => l.name)).toEqual(manifest.layers.map((l) => l.name));
    expect(Buffer.compare(dropAlpha(Buffer.from(psd.imageData!.data as Uint8Array)), onScreen.data)).toBe(0);
    expect(fx.pageErrors).toEqual([]);
  });
});
