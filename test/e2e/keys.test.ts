// Runs in: tests (node → Chromium). One key, one action (issue 16), with the SD stand-in for a job that
// runs long enough: Delete takes the selection and never the photo; exactly one layer row is active;
// Escape with a menu open closes the menu and leaves a running generation running, the next Escape cancels
// it and keeps the selection, the one after deselects (Layers, Refine and Fill then agree: nothing to
// fill); Ctrl+A / Ctrl+Shift+I / Ctrl+D; with a fill layer active, Delete clears the fill under the
// selection; the Edit menu and the shortcut sheet show the registry's keys.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { useEditor } from './fixture';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

const W = 640;
const H = 400;
const BOX = { x0: 220, y0: 140, x1: 380, y1: 260 };

/** A soft green gradient with a flat blue box: the wand selects the box exactly. */
function render(): Buffer {
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const box = x >= BOX.x0 && x < BOX.x1 && y >= BOX.y0 && y < BOX.y1;
      out.set(box ? [40, 60, 200] : [80 + Math.floor(x / 8), 140, 70 + Math.floor(y / 10)], (y * W + x) * 3);
    }
  }
  return out;
}

type Hook = AnyfillTestHook<{
  document: { layers: Array<{ id: string; kind: string; name: string }> };
  history: { undo: string[] };
  messages: Array<{ kind: string; text: string }>;
}>;
const hook = (p: Page) => ({
  state: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState()),
  mask: (id: string) => p.evaluate((id) => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.selectionMask(id, 64, 40), id),
  active: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.activeSelectionId()),
});

describe('one key, one action', () => {
  const fx = useEditor({ models: (id) => id === 'sd15-inpaint' });
  let page: Page;
  let t: ReturnType<typeof hook>;
  const layers = async () => (await t.state()).document.layers;
  const undoCount = async () => (await t.state()).history.undo.length;
  const messages = async () => (await t.state()).messages.map((m) => m.text).join('\n');
  /** The ids of the layer rows drawn as active. */
  const activeRows = () =>
    page.locator('[data-testid="layer-item"][aria-selected="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-layer-id')));
  const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const composite = async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    return sharp(await readFile(await (await download).path()))
      .removeAlpha()
      .raw()
      .toBuffer();
  };
  let photoId = '';
  let selId = '';

  beforeAll(async () => {
    page = fx.page;
    t = hook(page);
    const png = await sharp(render(), { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer();
    await fx.editor.openBytesWithDialog('box.png', png);
    await fx.editor.waitForLayers(1);
    await fx.editor.waitIdle();
    photoId = (await layers())[0]!.id;
    const rect = await fx.editor.documentRect();
    await page.keyboard.press('w');
    await page.mouse.click(rect.x + ((BOX.x0 + BOX.x1) / 2 / W) * rect.w, rect.y + ((BOX.y0 + BOX.y1) / 2 / H) * rect.h);
    await fx.editor.waitForLayers(2);
    selId = (await layers())[1]!.id;
  }, 60_000);

  it('Delete removes the open selection, never the photo; exactly one row is active', async () => {
    expect(await activeRows()).toEqual([selId]);
    const base = await undoCount();
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await layers()).map((l) => l.id)).toEqual([photoId]);
    expect(await undoCount()).toBe(base + 1);
    expect(await activeRows()).toEqual([photoId]);
    // Undo brings the selection back (closed); Delete and Backspace now have no selection: the photo stays.
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await layers()).length).toBe(2);
    await page.keyboard.press('Delete');
    await page.keyboard.press('Backspace');
    await expect.poll(messages).toMatch(/Nothing is selected.*Layer › Delete Layer/);
    expect((await layers()).map((l) => l.id)).toEqual([photoId, selId]);
    expect(await undoCount()).toBe(base);
    expect(await activeRows()).toEqual([photoId]);
  });

  it('Escape with a menu open leaves the generation running; the next Escape cancels it and keeps the selection', async () => {
    await page.locator(`[data-testid="layer-item"][data-layer-id="${selId}"]`).click();
    expect(await t.active()).toBe(selId);
    expect(await activeRows()).toEqual([selId]);
    await page.getByTestId('generate-advanced').click();
    await page.getByTestId('generate-steps').fill('150');
    await page.getByTestId('generate-prompt').fill('red');
    await page.getByTestId('generate-run').click();
    await expect.poll(() => page.getByTestId('job-status').innerText(), { timeout: 30_000 }).toMatch(/step/);
    await page.getByTestId('menu-edit').click();
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('menu').count()).toBe(0);
    // Still running a while later, not cancelling.
    await page.waitForTimeout(800);
    expect(await page.getByTestId('job').getAttribute('data-state')).toBe('running');
    expect(await messages()).not.toMatch(/cancelled/);

    await page.keyboard.press('Escape');
    await expect.poll(messages, { timeout: 30_000 }).toMatch(/Generation cancelled/);
    await expect.poll(() => page.getByTestId('jobs-bar').count()).toBe(0);
    expect(await t.active()).toBe(selId);
    expect(await page.getByTestId('fill-panel').count()).toBe(1);
  });

  it('Escape with nothing else open deselects: Layers, Refine and Fill agree and Shift+Backspace fills nothing', async () => {
    await blur();
    const base = await undoCount();
    await page.keyboard.press('Escape');
    expect(await t.active()).toBeNull();
    expect(await activeRows()).toEqual([photoId]);
    expect(await page.getByTestId('maskops-panel').count()).toBe(0);
    expect(await page.getByTestId('fill-panel').count()).toBe(0);
    await page.keyboard.press('Shift+Backspace');
    await page.waitForTimeout(500);
    expect(await page.getByTestId('jobs-bar').count()).toBe(0);
    expect(await undoCount()).toBe(base);
  });

  it('Ctrl+A selects the whole image (not the page text), Ctrl+Shift+I inverts it, Ctrl+D deselects', async () => {
    const base = await undoCount();
    await page.keyboard.press('Control+a');
    await expect.poll(async () => (await layers()).length).toBe(3);
    expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
    const all = (await layers())[2]!;
    expect(await t.active()).toBe(all.id);
    expect((await t.mask(all.id))!.every((v) => v === 255)).toBe(true);
    await page.keyboard.press('Control+Shift+I');
    await expect.poll(undoCount).toBe(base + 2);
    expect((await t.mask(all.id))!.every((v) => v === 0)).toBe(true);
    await page.keyboard.press('Control+d');
    expect(await t.active()).toBeNull();
    expect(await activeRows()).toEqual([photoId]);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await layers()).length).toBe(2);
  });

  it('Delete with a fill layer active clears the fill under the selection (one undo step); the photo stays', async () => {
    await page.locator(`[data-testid="layer-item"][data-layer-id="${selId}"]`).click();
    await page.getByTestId('fill-method').selectOption('telea');
    await blur();
    const base = await undoCount();
    await page.keyboard.press('Shift+Backspace');
    await expect.poll(undoCount, { timeout: 60_000 }).toBe(base + 1);
    const fill = (await layers())[1]!;
    expect(fill.kind).toBe('image');
    expect(await activeRows()).toEqual([fill.id]); // the fill is the active layer, the selection stays open
    expect(await t.active()).toBe(selId);
    const filled = await composite();
    const photo = render();
    const insideBox = (img: Buffer, same: boolean) => {
      let n = 0;
      for (let y = BOX.y0 + 2; y < BOX.y1 - 2; y++) {
        for (let x = BOX.x0 + 2; x < BOX.x1 - 2; x++) {
          const i = (y * W + x) * 3;
          if ((img[i] === photo[i] && img[i + 1] === photo[i + 1] && img[i + 2] === photo[i + 2]) === same) n++;
        }
      }
      return n / ((BOX.x1 - BOX.x0 - 4) * (BOX.y1 - BOX.y0 - 4));
    };
    expect(insideBox(filled, false)).toBeGreaterThan(0.9); // the box was filled over

    await page.keyboard.press('Delete');
    await expect.poll(undoCount, { timeout: 20_000 }).toBe(base + 2);
    expect((await layers()).map((l) => l.id)).toEqual([photoId, fill.id, selId]);
    expect(insideBox(await composite(), true)).toBe(1); // the photo shows through where the fill was cleared
    await page.keyboard.press('Control+z');
    await expect.poll(undoCount).toBe(base + 1);
    expect(Buffer.compare(await composite(), filled)).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await layers()).length).toBe(2);
  });

  it('the Edit menu shows the keys the README names; Help › Keyboard Shortcuts lists the commands with their keys', async () => {
    await page.getByTestId('menu-edit').click();
    const menu = page.getByRole('menu');
    expect(await menu.locator('[data-command="edit.contentAwareFill"] kbd').innerText()).toBe('Shift+Backspace');
    expect(await menu.locator('[data-command="tool.select"] kbd').innerText()).toBe('S');
    expect(await menu.locator('[data-command="edit.selectAll"] kbd').innerText()).toBe('Ctrl+A');
    // One line per item: "Select Everything" does not wrap.
    const item = menu.locator('[data-command="edit.selectEverything"]');
    const lineHeight = await menu.locator('[data-command="edit.undo"]').evaluate((e) => e.getBoundingClientRect().height);
    expect(await item.evaluate((e) => e.getBoundingClientRect().height)).toBe(lineHeight);
    await page.keyboard.press('Escape');

    await page.locator(`[data-testid="layer-item"][data-layer-id="${selId}"]`).click(); // a selection open under the sheet
    await page.getByTestId('menu-help').click();
    await page.getByRole('menu').locator('[data-command="help.shortcuts"]').click();
    const sheet = page.getByTestId('shortcut-sheet');
    await sheet.waitFor();
    const keysOf = (id: string) => sheet.locator(`[data-command="${id}"] kbd`).allInnerTexts();
    expect(await keysOf('edit.selectAll')).toEqual(['Ctrl+A']);
    expect(await keysOf('edit.deselect')).toEqual(['Ctrl+D']);
    expect(await keysOf('edit.invertSelection')).toEqual(['Ctrl+Shift+I']);
    expect(await keysOf('edit.contentAwareFill')).toEqual(['Shift+Backspace', 'Shift+F5']);
    expect(await keysOf('key.escape')).toEqual(['Escape']);
    expect(await sheet.locator('[data-testid="shortcut-row"]').count()).toBeGreaterThan(25);
    // Escape closes the sheet and does nothing else: the selection under it stays open.
    await page.keyboard.press('Escape');
    await expect.poll(() => sheet.count()).toBe(0);
    expect(await t.active()).toBe(selId);
    expect(fx.pageErrors).toEqual([]);
  });
});
