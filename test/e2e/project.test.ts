// Runs in: tests (node → Chromium). .anyfill projects in the browser host: Save Project (Ctrl+S) downloads a
// project that opens back to the same layers, selection mask and export, with a fresh history; autosave
// leaves a recovery copy that a reload (a crash, for the renderer) offers to restore or discard; a damaged
// project is refused with a message and the open document stays.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

const W = 600;
const H = 400;
const RECT = { x0: 150, y0: 125, x1: 260, y1: 215 };

function render(): Buffer {
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const inRect = x >= RECT.x0 && x < RECT.x1 && y >= RECT.y0 && y < RECT.y1;
      out.set(inRect ? [220, 40, 40] : Math.floor(x / 12) % 2 ? [40, 70, 150] : [90, 130, 210], (y * W + x) * 3);
    }
  }
  return out;
}

interface Layer {
  id: string;
  kind: string;
  name: string;
  visible: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
}
type Hook = AnyfillTestHook<{
  document: { id: string; name: string; layers: Layer[] } | null;
  history: { undo: string[] };
  messages: Array<{ kind: string; text: string }>;
}>;
const hookOf = (p: Page) => ({
  state: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState()),
  fullResUrl: (id: string) => p.evaluate((id) => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.selectionFullResUrl(id), id),
  project: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.project()),
  recoverable: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.recoverable()),
});

describe('.anyfill projects: save, open, autosave and recovery', () => {
  const fx = useEditor({ models: 'none' });
  let page: Page;
  let editor: EditorPage;
  let dir = '';
  let saved = '';
  let exported: Buffer = Buffer.alloc(0);
  let layersBefore: Layer[] = [];
  let maskBefore: Buffer = Buffer.alloc(0);

  const t = () => hookOf(page);
  const state = () => t().state();
  const layers = async () => (await state()).document?.layers ?? [];
  const undoCount = async () => (await state()).history.undo.length;
  const shape = (ls: Layer[]) => ls.map(({ kind, name, x, y, width, height, visible }) => ({ kind, name, x, y, width, height, visible }));
  const exportPng = async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    return readFile(await (await download).path());
  };
  const fullResMask = async (id: string) => {
    const url = await t().fullResUrl(id);
    const res = await fetch(new URL(url!, fx.serve.url));
    return sharp(Buffer.from(await res.arrayBuffer()))
      .extractChannel(0)
      .raw()
      .toBuffer();
  };
  /** File › Close Document; an edited document asks first, answered with Don't Save here. */
  const closeDocument = async (edited = false) => {
    await page.getByTestId('menu-file').click();
    await page.locator('[data-command="file.close"]').click();
    if (edited) await page.getByTestId('unsaved-dont-save').click();
    await expect.poll(async () => (await state()).document).toBeNull();
  };
  const errors = async () => (await state()).messages.filter((m) => m.kind === 'error').map((m) => m.text);

  beforeAll(async () => {
    ({ page, editor } = fx);
    dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-project-e2e-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('Save Project downloads an .anyfill of a document with a wand selection and a fill layer', async () => {
    const png = await sharp(render(), { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer();
    await editor.openBytesWithDialog('stripes.png', png);
    await editor.waitForLayers(1);
    await editor.waitIdle();
    expect(await page.title()).toBe('stripes.png — Anyfill'); // nothing unsaved yet
    const rect = await editor.documentRect();
    await page.keyboard.press('w');
    const base = await undoCount();
    await page.mouse.click(rect.x + ((RECT.x0 + 50) * rect.w) / W, rect.y + ((RECT.y0 + 40) * rect.h) / H);
    await expect.poll(undoCount).toBe(base + 1);
    await page.getByTestId('fill-method').selectOption('patchmatch');
    await page.getByTestId('fill-seed').fill('7');
    await page.getByTestId('fill-seed').blur();
    await page.keyboard.press('Shift+Backspace');
    await expect.poll(undoCount, { timeout: 60_000 }).toBe(base + 2);
    await expect.poll(() => page.title()).toBe('• stripes.png — Anyfill');

    exported = await exportPng();
    layersBefore = await layers();
    expect(layersBefore.map((l) => l.kind)).toEqual(['image', 'image', 'selection']);
    maskBefore = await fullResMask(layersBefore[2]!.id);

    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    const file = await download;
    expect(file.suggestedFilename()).toBe('stripes.anyfill');
    saved = path.join(dir, file.suggestedFilename());
    await file.saveAs(saved);
    await expect.poll(() => page.title()).toBe('stripes.png — Anyfill'); // saved: no "•"
  });

  it('the saved project opens to the same layers, selection mask and export, with a fresh history', async () => {
    await closeDocument();
    await editor.openWithDialog(saved);
    await editor.waitForLayers(3);
    await editor.waitIdle();
    expect(shape(await layers())).toEqual(shape(layersBefore));
    expect(await undoCount()).toBe(0);
    expect(await page.title()).toBe('stripes.png — Anyfill');
    const sel = (await layers())[2]!;
    expect(Buffer.compare(await fullResMask(sel.id), maskBefore)).toBe(0);
    expect(Buffer.compare(await exportPng(), exported)).toBe(0);
    expect(await errors()).toEqual([]);
  });

  it('a damaged .anyfill is refused with a clear message; the open document stays as it was', async () => {
    const before = await state();
    await editor.openBytesWithDialog('x.anyfill', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    await expect.poll(errors).toHaveLength(1);
    expect((await errors())[0]).toMatch(/project|damaged|not .*anyfill/i);
    await editor.waitIdle();
    const after = await state();
    expect(after.document).toEqual(before.document);
    await page
      .getByTestId('message')
      .filter({ has: page.locator('[aria-label="Dismiss"]') })
      .first()
      .getByLabel('Dismiss')
      .click();
  });
  const hideFill = async () => {
    const row = page.getByTestId('layer-item').filter({ hasText: 'Fill (PatchMatch' });
    await row.getByTestId('layer-visibility').click();
    await expect.poll(async () => (await layers()).find((l) => l.name.startsWith('Fill'))?.visible).toBe(false);
  };
  /** A crash, for the renderer: the page goes without closing anything; the engine keeps the recovery copies. */
  const crash = async () => {
    await page.reload();
    await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
    expect((await state()).document).toBeNull();
  };

  it('autosave writes a recovery copy a few seconds after a change; after a crash Restore brings the document back', async () => {
    const doc = (await state()).document!;
    expect(await t().recoverable()).toEqual([]); // opened and unchanged: nothing to recover
    const autosaves = (await t().project()).autosaves;
    await hideFill();
    await expect.poll(() => page.title()).toBe('• stripes.png — Anyfill');
    await expect.poll(async () => (await t().project()).autosaves, { timeout: 15_000 }).toBe(autosaves + 1);
    expect(await t().recoverable()).toEqual([{ documentId: doc.id, name: 'stripes.png' }]);
    const changed = await exportPng();
    expect(Buffer.compare(changed, exported)).not.toBe(0); // the red rectangle shows again

    await crash();
    const prompt = page.getByTestId('recovery-prompt');
    await expect.poll(() => prompt.innerText()).toMatch(/Anyfill closed unexpectedly\. Restore “stripes\.png” from .+\?/);
    await prompt.getByTestId('recovery-restore').click();
    await editor.waitForLayers(3);
    await editor.waitIdle();
    expect(await prompt.count()).toBe(0);
    expect((await state()).document!.id).toBe(doc.id);
    expect(await undoCount()).toBe(0);
    expect(await page.title()).toBe('• stripes.png — Anyfill'); // never saved by the user
    expect(Buffer.compare(await exportPng(), changed)).toBe(0);
    // The copy stays until the document is saved, or closed with Don't Save.
    expect((await t().recoverable()).map((r) => r.documentId)).toEqual([doc.id]);
    await closeDocument(true);
    await expect.poll(() => t().recoverable()).toEqual([]);
  });

  it('Discard deletes the recovery copy; saving deletes it too', async () => {
    await editor.openWithDialog(saved);
    await editor.waitForLayers(3);
    await editor.waitIdle();
    const autosaves = (await t().project()).autosaves;
    await hideFill();
    await expect.poll(async () => (await t().project()).autosaves, { timeout: 15_000 }).toBe(autosaves + 1);
    await crash();
    await page.getByTestId('recovery-discard').click();
    await expect.poll(() => page.getByTestId('recovery-prompt').count()).toBe(0);
    await expect.poll(() => t().recoverable()).toEqual([]);
    expect((await state()).document).toBeNull();

    await editor.openWithDialog(saved);
    await editor.waitForLayers(3);
    await editor.waitIdle();
    const before = (await t().project()).autosaves;
    await hideFill();
    await expect.poll(async () => (await t().project()).autosaves, { timeout: 15_000 }).toBe(before + 1);
    expect(await t().recoverable()).toHaveLength(1);
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    await download;
    await expect.poll(() => page.title()).toBe('stripes.png — Anyfill');
    await expect.poll(() => t().recoverable()).toEqual([]);
    expect(fx.pageErrors).toEqual([]);
  });
});
