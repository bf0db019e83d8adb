// Runs in: tests (node → Chromium). Remove with the learned eraser: with the MI-GAN stand-in installed
// (it fills a hole with the mean colour of the ring around it), the wand selects a red box on a flat blue
// wall and Remove in the Generate panel lands one "Fill (MI-GAN …)" layer in one undo step: the box becomes
// the wall's colour, every pixel beyond the blend keeps its bytes, the Fill panel names MI-GAN and the
// pipeline log lists the pack.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

const W = 1000,
  H = 700,
  WALL = [90, 130, 210];
const BOX = { x0: 600, y0: 200, x1: 760, y1: 330 };
const inBox = (x: number, y: number) => x >= BOX.x0 && x < BOX.x1 && y >= BOX.y0 && y < BOX.y1;

/** A flat wall with a red box, and a grey ramp along the left edge (far from the box) that must not move. */
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
type Hook = AnyfillTestHook<{ document: { layers: Layer[] }; history: { undo: string[] } }>;
const state = (p: Page) => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState());

describe('Remove with the MI-GAN eraser installed', () => {
  const fx = useEditor({ models: (id) => id === 'migan-512' });
  let page: Page;
  let editor: EditorPage;
  beforeAll(() => ({ page, editor } = fx));

  const exportComposite = async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    return sharp(await readFile(await (await download).path()))
      .removeAlpha()
      .raw()
      .toBuffer();
  };

  it('erases the box with MI-GAN as one layer; outside the blend nothing changes; the panel and the log say MI-GAN', async () => {
    await editor.openBytesWithDialog(
      'wall.png',
      await sharp(render(), { raw: { width: W, height: H, channels: 3 } })
        .png()
        .toBuffer(),
    );
    await editor.waitForLayers(1);
    await editor.waitIdle();
    const rect = await editor.documentRect();
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('wand-controls').isVisible()).toBe(true);
    const undo0 = (await state(page)).history.undo.length;
    await page.mouse.click(rect.x + ((680 + 0.5) * rect.w) / W, rect.y + ((260 + 0.5) * rect.h) / H);
    await expect.poll(async () => (await state(page)).history.undo.length).toBe(undo0 + 1);
    const before = await exportComposite();
    expect(await page.getByTestId('generate-remove').getAttribute('title')).toMatch(/MI-GAN/);
    await page.getByTestId('generate-remove').click();
    await expect.poll(async () => (await state(page)).history.undo.length, { timeout: 60_000 }).toBe(undo0 + 2);
    const layer = (await state(page)).document.layers[1]!;
    expect(layer.name).toMatch(/^Fill \(MI-GAN, seed \d+\)$/);
    expect(layer.provenance?.models.map((m) => m.packId)).toEqual(['migan-512']);
    expect(layer.provenance?.request.method).toBe('migan');
    expect(await page.getByTestId('fill-last-method').innerText()).toMatch(/Last fill: MI-GAN \(migan-512\)/);

    const after = await exportComposite();
    let wrongInBox = 0,
      changedFar = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 3,
          near = x >= BOX.x0 - 12 && x < BOX.x1 + 12 && y >= BOX.y0 - 12 && y < BOX.y1 + 12;
        if (inBox(x, y) && [0, 1, 2].some((c) => after[i + c] !== WALL[c])) wrongInBox++;
        if (!near && [0, 1, 2].some((c) => after[i + c] !== before[i + c])) changedFar++;
      }
    }
    expect({ wrongInBox, changedFar }).toEqual({ wrongInBox: 0, changedFar: 0 });
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await state(page)).history.undo.length).toBe(undo0 + 1);
    expect(Buffer.compare(await exportComposite(), before)).toBe(0);
  });
});
