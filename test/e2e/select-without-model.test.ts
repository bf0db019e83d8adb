// Runs in: tests (node → Chromium). Selecting with no model installed: a click with the select tool and a
// text prompt each say clearly what is missing and offer "Open Models…", which opens the model manager.
// Nothing is added to the document or the undo history meanwhile.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

interface State {
  document: { layers: Array<{ kind: string }> } | null;
  historySize: number;
}

describe('selecting with no model installed', () => {
  // An empty models folder: no SAM, no Grounding DINO.
  const fx = useEditor({ models: 'none' });
  let page: Page;
  let editor: EditorPage;
  const state = () => editor.state() as unknown as Promise<State>;
  const manager = () => page.getByTestId('model-manager');

  beforeAll(async () => {
    ({ page, editor } = fx);
    // Red with a blue box in the middle: the wand takes the box alone (a whole-image mask has no crop plan).
    const raw = Buffer.alloc(400 * 300 * 3);
    for (let i = 0; i < 400 * 300; i++) {
      const [x, y] = [i % 400, Math.floor(i / 400)];
      raw.set(x >= 150 && x < 250 && y >= 100 && y < 200 ? [40, 60, 200] : [200, 30, 30], i * 3);
    }
    const png = await sharp(raw, { raw: { width: 400, height: 300, channels: 3 } })
      .png()
      .toBuffer();
    await editor.openBytesWithDialog('red.png', png);
    await editor.waitForLayers(1);
    await editor.waitIdle();
  }, 60_000);

  it('a click with the select tool says no model is installed and "Open Models…" opens the model manager', async () => {
    const before = await state();
    await page.getByTestId('tool-select').click();
    const r = await editor.documentRect();
    await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
    const problem = page.getByTestId('selection-error');
    await problem.waitFor();
    expect(await problem.innerText()).toMatch(/no segmentation model is installed/i);
    const open = problem.getByTestId('open-model-manager');
    expect(await open.innerText()).toBe('Open Models…');
    expect(await manager().count()).toBe(0);
    await open.click();
    await manager().waitFor();
    expect(await manager().isVisible()).toBe(true);
    // Nothing was selected: no new layer, no undo step.
    const after = await state();
    expect(after.document!.layers.filter((l) => l.kind === 'selection')).toHaveLength(0);
    expect(after.historySize).toBe(before.historySize);
    await page.getByTestId('model-manager-close').click();
    await manager().waitFor({ state: 'detached' });
  });

  it('a text prompt says no detection model is installed and "Open Models…" opens the model manager', async () => {
    await page.keyboard.press('Control+KeyF');
    const input = page.getByTestId('detect-input');
    await input.waitFor();
    await input.fill('red');
    await page.getByTestId('detect-run').click();
    const error = page.getByTestId('detect-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/not installed|no .*model/i);
    const open = page.getByTestId('detect-open-models');
    expect(await open.innerText()).toBe('Open Models…');
    await open.click();
    await manager().waitFor();
    expect(await page.getByTestId('detection').count()).toBe(0);
    expect((await state()).document!.layers.filter((l) => l.kind === 'selection')).toHaveLength(0);
    expect(fx.pageErrors).toEqual([]);
  });

  it('with no SD model, a wand selection draws no crop frame or label on the canvas', async () => {
    if (await manager().count()) {
      await page.getByTestId('model-manager-close').click();
      await manager().waitFor({ state: 'detached' });
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('tool-wand').click();
    const r = await editor.documentRect();
    const before = (await state()).historySize;
    await page.mouse.click(r.x + r.w / 2, r.y + r.h / 2);
    await expect.poll(async () => (await state()).historySize).toBe(before + 1);
    // With a model the frame shows within a second or two (the plan's 200 ms debounce and its answer).
    const shown = () => page.evaluate(() => (window as unknown as AnyfillTestWindow).__anyfillTest.generate().planShown);
    for (let t = 0; t < 20; t++) {
      expect(await shown()).toBe(false);
      await page.waitForTimeout(200);
    }
  });
});
