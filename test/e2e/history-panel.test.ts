// Runs in: tests (node → Chromium). The history panel: every change is a labelled step in order; clicking
// a step goes back (or forward) to exactly that point; a new change after going back drops the redo steps.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

const W = 600;
const H = 400;
const RECT = { x0: 100, y0: 100, x1: 220, y1: 200 };
const DISC = { cx: 450, cy: 250, r: 60 };

function render(): Buffer {
  const out = Buffer.alloc(W * H * 3, 230);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (x >= RECT.x0 && x < RECT.x1 && y >= RECT.y0 && y < RECT.y1) out.set([220, 40, 40], (y * W + x) * 3);
      else if ((x - DISC.cx) ** 2 + (y - DISC.cy) ** 2 <= DISC.r ** 2) out.set([40, 200, 60], (y * W + x) * 3);
    }
  }
  return out;
}

interface Layer {
  id: string;
  kind: string;
  name: string;
  visible: boolean;
  wand?: unknown[];
}
type Hook = AnyfillTestHook<{ document: { layers: Layer[] }; history: { undo: string[]; redo: string[] } }>;
const stateOf = (p: Page) => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState());

describe('history panel', () => {
  const fx = useEditor({ models: 'none' });
  let page: Page;
  let editor: EditorPage;
  let rect = { x: 0, y: 0, w: 1, h: 1 };
  const at = (x: number, y: number) => ({ x: rect.x + ((x + 0.5) * rect.w) / W, y: rect.y + ((y + 0.5) * rect.h) / H });
  const rows = () => page.getByTestId('history-step');
  const labels = () => rows().allInnerTexts();
  const states = () => rows().evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
  const layers = async () => (await stateOf(page)).document.layers;
  let imageName = '';
  let selectionName = '';

  beforeAll(() => {
    ({ page, editor } = fx);
  });

  it('View › Show History opens the panel with "Open" as the current point', async () => {
    const png = await sharp(render(), { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer();
    await editor.openBytesWithDialog('shapes.png', png);
    await editor.waitForLayers(1);
    await editor.waitIdle();
    rect = await editor.documentRect();
    await page.getByTestId('menu-view').click();
    await page.locator('[data-command="view.history"]').click();
    await page.getByTestId('history-panel').waitFor();
    expect(await labels()).toEqual(['Open']);
    expect(await states()).toEqual(['current']);
    imageName = (await layers())[0]!.name;
  });

  it('four changes are listed in order with clear labels', async () => {
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('wand-controls').isVisible()).toBe(true);
    const c = at(160, 150);
    await page.mouse.click(c.x, c.y);
    await expect.poll(labels).toEqual(['Open', 'Magic wand: click']);
    const d = at(DISC.cx, DISC.cy);
    await page.keyboard.down('Shift');
    await page.mouse.click(d.x, d.y);
    await page.keyboard.up('Shift');
    await expect.poll(labels).toEqual(['Open', 'Magic wand: click', 'Magic wand: add']);
    selectionName = (await layers()).find((l) => l.kind === 'selection')!.name;

    await page.locator('[data-testid="layer-item"][data-kind="image"] [data-testid="layer-visibility"]').click();
    const selRow = page.locator('[data-testid="layer-item"][data-kind="selection"]');
    await selRow.getByTestId('layer-name').dblclick();
    await selRow.getByTestId('layer-name-input').fill('Red and green');
    await selRow.getByTestId('layer-name-input').press('Enter');
    await expect
      .poll(labels)
      .toEqual([
        'Open',
        'Magic wand: click',
        'Magic wand: add',
        `Hide layer "${imageName}"`,
        `Rename layer "${selectionName}" to "Red and green"`,
      ]);
    expect(await states()).toEqual(['done', 'done', 'done', 'done', 'current']);
    await expect.poll(() => page.getByTestId('history-summary').innerText()).toMatch(/^4 steps · \d+(\.\d)? (B|KB|MB)$/);
  });

  it('clicking the first step leaves only it applied; clicking the last re-applies all', async () => {
    await rows().nth(1).click();
    await expect.poll(states).toEqual(['done', 'current', 'redo', 'redo', 'redo']);
    let s = await stateOf(page);
    expect(s.history.undo).toEqual(['Magic wand: click']);
    expect(s.history.redo).toHaveLength(3);
    let sel = s.document.layers.find((l) => l.kind === 'selection')!;
    expect(sel.wand).toHaveLength(1);
    expect(sel.name).toBe(selectionName);
    expect(s.document.layers.find((l) => l.kind === 'image')!.visible).toBe(true);

    await rows().nth(4).click();
    await expect.poll(states).toEqual(['done', 'done', 'done', 'done', 'current']);
    s = await stateOf(page);
    expect(s.history.undo).toHaveLength(4);
    expect(s.history.redo).toHaveLength(0);
    sel = s.document.layers.find((l) => l.kind === 'selection')!;
    expect(sel.wand).toHaveLength(2);
    expect(sel.name).toBe('Red and green');
    expect(s.document.layers.find((l) => l.kind === 'image')!.visible).toBe(false);

    await rows().nth(0).click(); // "Open": everything undone
    await expect.poll(async () => (await layers()).map((l) => l.kind)).toEqual(['image']);
    await rows().nth(4).click();
    await expect.poll(async () => (await layers()).length).toBe(2);
  });

  it('Ctrl+Z / Ctrl+Shift+Z move the highlight; a new change after going back drops the redo steps', async () => {
    await page.keyboard.press('Control+z');
    await expect.poll(states).toEqual(['done', 'done', 'done', 'current', 'redo']);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(states).toEqual(['done', 'done', 'done', 'done', 'current']);

    await rows().nth(2).click(); // after "Magic wand: add": the photo is visible again
    await expect.poll(states).toEqual(['done', 'done', 'current', 'redo', 'redo']);
    await page.locator('[data-testid="layer-item"][data-kind="selection"] [data-testid="layer-visibility"]').click();
    await expect.poll(labels).toEqual(['Open', 'Magic wand: click', 'Magic wand: add', `Hide layer "${selectionName}"`]);
    expect(await states()).toEqual(['done', 'done', 'done', 'current']);
    expect((await stateOf(page)).history.redo).toEqual([]);
    expect(fx.pageErrors).toEqual([]);
  });
});
