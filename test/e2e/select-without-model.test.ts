// Runs in: tests (node → Chromium). Selecting with no model installed: a click with the select tool and a
// text prompt each say clearly what is missing and offer "Open Models…", which opens the model manager.
// Nothing is added to the document or the undo history meanwhile.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';

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
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
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
});
