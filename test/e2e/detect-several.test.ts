// Runs in: tests (node → Chromium). Select by text, several detections accepted at once: "red. green" with
// the Grounding DINO and MobileSAM stand-ins on a red square and a green disc → both accepted → two
// selection objects in the layers panel, each matching its shape; one user action, so one undo step
// removes both and one redo brings both back.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';
import { SQUARE_AND_DISC, iou, sceneAt } from './scene-masks';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

const { W, H, truth } = sceneAt(SQUARE_AND_DISC, 1);
/** The scene's red square and green disc, by the detection label each selection is named after. */
const TRUTH: Record<string, Uint8Array> = { red: truth(0), green: truth(1) };

interface State {
  document: { layers: Array<{ id: string; kind: string; name: string; prompt: { detection?: { label: string } } }> } | null;
  historySize: number;
  history: { undo: string[] };
}
type Hook = AnyfillTestHook;

describe('select by text: several detections at once', () => {
  const fx = useEditor({ viewport: { width: 1280, height: 860 }, models: (id) => id === 'gdino-tiny' || id === 'mobilesam' });
  let page: Page;
  let editor: EditorPage;
  const pageErrors = fx.pageErrors;
  const state = () => editor.state() as unknown as Promise<State>;
  const selections = async () => ((await state()).document?.layers ?? []).filter((l) => l.kind === 'selection');
  const maskOf = (id: string) =>
    page.evaluate(({ id, w, h }) => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.selectionMask(id, w, h), {
      id,
      w: W,
      h: H,
    });

  beforeAll(async () => {
    ({ page, editor } = fx);
    await editor.openScene(SQUARE_AND_DISC);
  }, 60_000);

  it('accepting two detections makes two selection objects, each its shape, in one undo step', async () => {
    await page.keyboard.press('Control+KeyF');
    const input = page.getByTestId('detect-input');
    await input.waitFor();
    await input.fill('red. green');
    await page.getByTestId('detect-run').click();
    await expect.poll(() => page.getByTestId('detection').count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByTestId('detection-check').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([
      true,
      true,
    ]);
    await expect(page.getByTestId('detect-accept').innerText()).resolves.toBe('Select 2 objects');

    const before = (await state()).historySize;
    await page.getByTestId('detect-accept').click();
    await expect.poll(async () => (await selections()).length, { timeout: 20_000 }).toBe(2);
    const s = await state();
    expect(s.historySize).toBe(before + 1);
    const sels = await selections();
    expect(sels.map((l) => l.name).sort()).toEqual(['green', 'red']);
    expect(sels.map((l) => l.prompt.detection?.label).sort()).toEqual(['green', 'red']);
    // Both in the layers panel.
    const rows = page.locator('[data-testid="layer-item"][data-kind="selection"]');
    await expect.poll(() => rows.count()).toBe(2);
    for (const l of sels) {
      expect(await page.locator(`[data-testid="layer-item"][data-layer-id="${l.id}"]`).count()).toBe(1);
      expect(iou((await maskOf(l.id))!, TRUTH[l.name]!)).toBeGreaterThanOrEqual(0.9);
    }

    // One undo removes both; one redo brings both back with the same masks.
    const ids = sels.map((l) => l.id);
    await page.getByTestId('undo-button').click();
    await expect.poll(async () => (await selections()).length).toBe(0);
    expect((await state()).historySize).toBe(before);
    await expect.poll(() => rows.count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await selections()).map((l) => l.id)).toEqual(ids);
    for (const l of sels) expect(iou((await maskOf(l.id))!, TRUTH[l.name]!)).toBeGreaterThanOrEqual(0.9);
    expect(pageErrors).toEqual([]);
  });
});
