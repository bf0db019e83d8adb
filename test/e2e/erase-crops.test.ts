// Runs in: tests (node → Chromium). The learned eraser's crops outlined before Remove: with the MI-GAN
// stand-in installed and the Fill panel on Auto, a selection of two red boxes far apart on a flat wall is
// outlined as two dashed crops, each the eraser's own rule (the box grown by the feather, padded by 128 px
// to at least 512 px, shifted inside the image); choosing PatchMatch removes the outline.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';

const W = 1400,
  H = 700,
  WALL = [90, 130, 210];
const BOXES = [
  { x0: 100, y0: 300, x1: 180, y1: 380 },
  { x0: 1200, y0: 300, x1: 1280, y1: 380 },
];
const inBox = (x: number, y: number) => BOXES.some((b) => x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1);

function render(): Buffer {
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out.set(inBox(x, y) ? [220, 40, 40] : WALL, (y * W + x) * 3);
  return out;
}

const crops = (p: Page) => p.evaluate(() => (window as unknown as { __anyfillTest: AnyfillTestHook }).__anyfillTest.eraseCrops());
const undoSize = (p: Page) => p.evaluate(() => (window as unknown as { __anyfillTest: AnyfillTestHook }).__anyfillTest.historySize());

describe('the learned eraser outlines its crops before Remove', () => {
  const fx = useEditor({ models: (id) => id === 'migan-512' });
  let page: Page;
  let editor: EditorPage;
  beforeAll(() => ({ page, editor } = fx));

  it("two distant boxes: two 512 × 512 crops at the eraser plan's places; none with PatchMatch", async () => {
    await editor.openBytesWithDialog(
      'two-boxes.png',
      await sharp(render(), { raw: { width: W, height: H, channels: 3 } })
        .png()
        .toBuffer(),
    );
    await editor.waitForLayers(1);
    await editor.waitIdle();
    const rect = await editor.documentRect();
    const at = (x: number, y: number) => [rect.x + ((x + 0.5) * rect.w) / W, rect.y + ((y + 0.5) * rect.h) / H] as const;
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('wand-controls').isVisible()).toBe(true);
    const undo0 = await undoSize(page);
    await page.mouse.click(...at(140, 340));
    await expect.poll(() => undoSize(page)).toBe(undo0 + 1);
    await page.keyboard.down('Shift');
    await page.mouse.click(...at(1240, 340));
    await page.keyboard.up('Shift');
    await expect.poll(() => undoSize(page)).toBe(undo0 + 2);
    expect(await page.getByTestId('fill-method').inputValue()).toBe('auto');
    // 12 800 px selected: feather 3 px; each box grown by it is 86 px, padded to the 512 px minimum and
    // centred on the box (x 140 − 256 → 0; x 1240 − 256 = 984 → 1400 − 512 = 888; y 340 − 256 = 84).
    await expect
      .poll(() => crops(page), { timeout: 20_000 })
      .toEqual([
        { x: 0, y: 84, width: 512, height: 512 },
        { x: 888, y: 84, width: 512, height: 512 },
      ]);
    await page.getByTestId('fill-method').selectOption('patchmatch');
    await expect.poll(() => crops(page)).toEqual([]);
    await page.getByTestId('fill-method').selectOption('migan');
    await expect.poll(() => crops(page)).toHaveLength(2);
  });
});
