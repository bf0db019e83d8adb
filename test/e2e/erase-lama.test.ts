// Runs in: tests (node → Chromium). Remove with LaMa: with the MI-GAN and LaMa stand-ins both installed, the
// Models window says MI-GAN is the one Remove uses and lets the user pick LaMa; then the wand selects a red
// box on a flat wall and Remove lands one "Fill (LaMa …)" layer in one undo step: the box becomes the wall's
// colour (the stand-in fills a hole with its ring's mean, at LaMa's fixed 512 × 512), every pixel beyond the
// blend keeps its bytes, the Fill panel names LaMa and the pipeline log lists lama-512.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';

const W = 1200,
  H = 800,
  WALL = [90, 130, 210];
// Larger than 512 px with its context: the crop is resized down to the model's input and back.
const BOX = { x0: 500, y0: 150, x1: 900, y1: 600 };
const inBox = (x: number, y: number) => x >= BOX.x0 && x < BOX.x1 && y >= BOX.y0 && y < BOX.y1;

function render(): Buffer {
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) out.set(inBox(x, y) ? [220, 40, 40] : x < 100 ? [x * 2, x * 2, y % 256] : WALL, (y * W + x) * 3);
  return out;
}

interface Layer {
  kind: string;
  name: string;
  provenance?: { models: Array<{ packId: string }>; request: { method?: string } };
}
interface Hook {
  getState(): { document: { layers: Layer[] }; history: { undo: string[] } };
}
const state = (p: Page) => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState());

describe('Remove with LaMa chosen for Remove', () => {
  const fx = useEditor({ models: (id) => id === 'migan-512' || id === 'lama-512' });
  let page: Page;
  let editor: EditorPage;
  beforeAll(() => ({ page, editor } = fx));
  const card = (id: string) => page.locator(`[data-testid="model-pack"][data-pack-id="${id}"]`);
  const exportComposite = async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    return sharp(await readFile(await (await download).path()))
      .removeAlpha()
      .raw()
      .toBuffer();
  };

  it('picks LaMa in the Models window, then erases the box with it as one layer; outside the blend nothing changes', async () => {
    await editor.openBytesWithDialog(
      'wall.png',
      await sharp(render(), { raw: { width: W, height: H, channels: 3 } })
        .png()
        .toBuffer(),
    );
    await editor.waitForLayers(1);
    await editor.waitIdle();
    await page.getByTestId('menu-file').click();
    await page.locator('[data-command="models.open"]').click();
    await card('migan-512').getByTestId('model-erase-in-use').waitFor();
    await card('lama-512').getByTestId('model-use-for-remove').click();
    await card('lama-512').getByTestId('model-erase-in-use').waitFor();
    expect(await card('migan-512').getByTestId('model-use-for-remove').count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.getByTestId('model-manager').waitFor({ state: 'detached' });

    const rect = await editor.documentRect();
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('wand-controls').isVisible()).toBe(true);
    const undo0 = (await state(page)).history.undo.length;
    await page.mouse.click(rect.x + ((700 + 0.5) * rect.w) / W, rect.y + ((400 + 0.5) * rect.h) / H);
    await expect.poll(async () => (await state(page)).history.undo.length).toBe(undo0 + 1);
    const before = await exportComposite();
    await page.getByTestId('generate-remove').click();
    await expect.poll(async () => (await state(page)).history.undo.length, { timeout: 90_000 }).toBe(undo0 + 2);
    const layer = (await state(page)).document.layers[1]!;
    expect(layer.name).toMatch(/^Fill \(LaMa, seed \d+\)$/);
    expect(layer.provenance?.models.map((m) => m.packId)).toEqual(['lama-512']);
    expect(layer.provenance?.request.method).toBe('lama');
    expect(await page.getByTestId('fill-last-method').innerText()).toMatch(/Last fill: LaMa \(lama-512\)/);

    const after = await exportComposite();
    let wrongInBox = 0,
      changedFar = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 3,
          near = x >= BOX.x0 - 14 && x < BOX.x1 + 14 && y >= BOX.y0 - 14 && y < BOX.y1 + 14;
        if (inBox(x, y) && [0, 1, 2].some((c) => after[i + c] !== WALL[c])) wrongInBox++;
        if (!near && [0, 1, 2].some((c) => after[i + c] !== before[i + c])) changedFar++;
      }
    }
    expect({ wrongInBox, changedFar }).toEqual({ wrongInBox: 0, changedFar: 0 });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await state(page)).history.undo.length).toBe(undo0 + 1);
    expect(Buffer.compare(await exportComposite(), before)).toBe(0);
    expect(fx.pageErrors).toEqual([]);
  });
});
