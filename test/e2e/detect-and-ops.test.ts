// Runs in: tests (node → Chromium). Select by text and mask operations through the browser host, with the
// Grounding DINO and MobileSAM stand-ins (GDINO boxes the regions whose colour word is in the prompt; SAM
// segments the colour under the box centre). On a synthetic blue image with a red square and a green
// disc: an empty prompt says what to type; "red" gives one numbered box drawn on the canvas; "red. green"
// two; unticking one selects exactly the other as one new selection object; then invert / undo, a live
// grow preview while dragging and its commit, feather keeping the 50 % contour, Escape cancelling a
// preview, and reset — each op one undo step; a burst of arrow keys and a typed value are one step each,
// and a few pixels of drag are a pixel or two of grow.
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SceneShape } from '../../src-main/standins/sam/scenes';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';
import { SQUARE_AND_DISC, iou, sceneAt } from './scene-masks';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

const { W, H, truth } = sceneAt(SQUARE_AND_DISC, 1);
/** Shape 0: the red square. */
const SQUARE = SQUARE_AND_DISC.shapes[0] as Extract<SceneShape, { kind: 'rect' }>;
const SQUARE_TRUTH = truth(0);
const OUTSIDE_SQUARE = Uint8Array.from(SQUARE_TRUTH, (v) => 1 - v);

const area = (mask: ArrayLike<number>): number => {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]! >= 128) n++;
  return n;
};

interface SelLayer {
  id: string;
  kind: string;
  name: string;
  ops: Array<{ kind: string; px?: number; radius?: number }>;
  prompt: { box?: { x0: number; y0: number; x1: number; y1: number }; detection?: { label: string } };
}

interface State {
  document: { layers: SelLayer[] } | null;
  historySize: number;
  history: { undo: string[]; redo: string[]; gestureOpen: boolean };
}

describe('select by text and mask operations', () => {
  const fx = useEditor({ viewport: { width: 1280, height: 860 }, models: (id) => id === 'gdino-tiny' || id === 'mobilesam' });
  let page: Page;
  let editor: EditorPage;
  const pageErrors = fx.pageErrors;
  const shots = process.env.ANYFILL_E2E_SHOTS;
  const shot = async (name: string) => {
    if (shots) await page.screenshot({ path: path.join(shots, `detect-${name}.png`) });
  };

  beforeAll(async () => {
    ({ page, editor } = fx);
    await editor.openScene(SQUARE_AND_DISC);
  }, 60_000);

  const state = () => editor.state() as unknown as Promise<State>;
  const selections = async () => ((await state()).document?.layers ?? []).filter((l) => l.kind === 'selection');
  const layerOf = async (id: string) => (await selections()).find((l) => l.id === id)!;

  const maskOf = (layerId: string, which: 'document' | 'preview' = 'document') =>
    page.evaluate(({ layerId, w, h, which }) => (window as unknown as AnyfillTestWindow).__anyfillTest.maskOps.mask(layerId, w, h, which), {
      layerId,
      w: W,
      h: H,
      which,
    }) as Promise<number[]>;

  const previewOps = () =>
    page.evaluate(() => (window as unknown as AnyfillTestWindow).__anyfillTest.maskOps.preview()) as Promise<{
      ops: Array<{ kind: string; px?: number }>;
    } | null>;

  /** Screen position (page pixels) of an image point. */
  async function toPage(x: number, y: number): Promise<{ x: number; y: number }> {
    const r = await editor.documentRect();
    return { x: r.x + (x / W) * r.w, y: r.y + (y / H) * r.h };
  }

  /** Does any canvas of the stage show the box colour near an image point? (the drawn box outline) */
  async function boxColourNear(x: number, y: number, rgb: [number, number, number]): Promise<boolean> {
    const p = await toPage(x, y);
    return page.evaluate(
      ({ p, rgb }) => {
        for (const c of document.querySelectorAll<HTMLCanvasElement>('[data-testid="canvas-container"] canvas')) {
          const box = c.getBoundingClientRect();
          const ctx = c.getContext('2d');
          if (!ctx) continue;
          const k = c.width / box.width;
          const d = ctx.getImageData(
            Math.round((p.x - box.left - 6) * k),
            Math.round((p.y - box.top - 6) * k),
            Math.round(12 * k),
            Math.round(12 * k),
          ).data;
          for (let i = 0; i < d.length; i += 4) {
            if (Math.abs(d[i]! - rgb[0]) < 12 && Math.abs(d[i + 1]! - rgb[1]) < 12 && Math.abs(d[i + 2]! - rgb[2]) < 12 && d[i + 3]! > 200)
              return true;
          }
        }
        return false;
      },
      { p, rgb },
    );
  }

  /** Press on a range at fraction `from` of its width, move to `to`, and return a release function. */
  async function dragRange(slider: Locator, from: number, to: number): Promise<() => Promise<void>> {
    const b = (await slider.boundingBox())!;
    const y = b.y + b.height / 2;
    await page.mouse.move(b.x + b.width * from, y);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * to, y, { steps: 4 });
    return () => page.mouse.up();
  }

  it('runs text detection, shows numbered boxes, and turns the ticked one into a selection object', async () => {
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('Control+KeyF');
    const input = page.getByTestId('detect-input');
    await input.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('detect-input');
    await expect(page.getByTestId('detect-hint').innerText()).resolves.toMatch(/full stop/i);

    // Empty prompt: the engine's message, nothing listed.
    await page.getByTestId('detect-run').click();
    await page
      .getByTestId('detect-error')
      .filter({ hasText: /type what to select/i })
      .waitFor();
    expect(await page.getByTestId('detection').count()).toBe(0);
    expect(await page.getByTestId('detect-open-models').count()).toBe(0);

    // "red" → one numbered detection, all ticked, its box drawn over the square.
    await input.fill('red');
    await page.getByTestId('detect-run').click();
    await page.getByTestId('detection').first().waitFor();
    expect(await page.getByTestId('detection').count()).toBe(1);
    expect(await page.getByTestId('detection-label').first().innerText()).toBe('red');
    expect(await page.getByTestId('detection-score').first().innerText()).toMatch(/^\d+ %$/);
    expect(await page.getByTestId('detection-check').first().isChecked()).toBe(true);
    expect(await page.getByTestId('detect-error').count()).toBe(0);
    const orange: [number, number, number] = [0xff, 0xb0, 0x20]; // number 1's colour
    await expect.poll(() => boxColourNear(SQUARE.x0, (SQUARE.y0 + SQUARE.y1) / 2, orange)).toBe(true);
    expect(await boxColourNear((SQUARE.x0 + SQUARE.x1) / 2, (SQUARE.y0 + SQUARE.y1) / 2, orange)).toBe(false);

    // "red. green" → two; untick green; exactly one new selection, one undo step.
    await input.fill('red. green');
    await page.getByTestId('detect-run').click();
    await expect.poll(() => page.getByTestId('detection').count()).toBe(2);
    const labels = await page.getByTestId('detection-label').allInnerTexts();
    expect([...labels].sort()).toEqual(['green', 'red']);
    const greenRow = page.getByTestId('detection').filter({ has: page.getByTestId('detection-label').filter({ hasText: 'green' }) });
    await greenRow.getByTestId('detection-check').uncheck();
    await shot('detections');
    await expect(page.getByTestId('detect-accept').innerText()).resolves.toBe('Select 1 object');
    const before = (await state()).historySize;
    await page.getByTestId('detect-accept').click();
    await expect.poll(async () => (await selections()).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('detection').count()).toBe(0);
    const s = await state();
    expect(s.historySize).toBe(before + 1);
    const sel = (await selections())[0]!;
    expect(sel.name).toBe('red');
    expect(sel.prompt.detection?.label).toBe('red');
    expect(sel.prompt.box).toBeDefined();

    const mask = await maskOf(sel.id);
    expect(iou(mask, SQUARE_TRUTH)).toBeGreaterThanOrEqual(0.9);
    await page.getByTestId('maskops-panel').waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('applies mask operations with live preview, one undo step each', async () => {
    const sel = (await selections())[0]!;
    const square = SQUARE_TRUTH;
    const base = await maskOf(sel.id);
    const steps = async () => (await state()).historySize;

    // Invert → ≈ complement; undo → back.
    let n = await steps();
    await page.getByTestId('maskop-invert').click();
    await expect.poll(async () => (await layerOf(sel.id)).ops).toEqual([{ kind: 'invert' }]);
    expect(await steps()).toBe(n + 1);
    expect(iou(await maskOf(sel.id), OUTSIDE_SQUARE)).toBeGreaterThanOrEqual(0.9);
    await page.getByTestId('undo-button').click();
    await expect.poll(async () => (await layerOf(sel.id)).ops).toEqual([]);
    expect(await steps()).toBe(n);
    expect(iou(await maskOf(sel.id), square)).toBeGreaterThanOrEqual(0.9);

    // Grow: the preview changes while dragging (document untouched), release commits one step.
    n = await steps();
    const grow = page.getByTestId('maskop-grow');
    // (Grow's slider is quadratic about its middle: a quarter of the width is +25 px.)
    const release = await dragRange(grow, 0.5, 0.75);
    await expect.poll(async () => (await previewOps())?.ops.at(-1)?.kind).toBe('grow');
    const pending = (await previewOps())!.ops.at(-1)!;
    expect(pending.px).toBeGreaterThan(0);
    expect((await layerOf(sel.id)).ops).toEqual([]);
    expect(await steps()).toBe(n);
    const previewArea = area(await maskOf(sel.id, 'preview'));
    expect(previewArea).toBeGreaterThan(area(base) * 1.1);
    await release();
    await expect.poll(async () => (await layerOf(sel.id)).ops.length).toBe(1);
    const growOp = (await layerOf(sel.id)).ops[0]!;
    expect(growOp.kind).toBe('grow');
    expect(growOp.px).toBeGreaterThan(0);
    expect(await steps()).toBe(n + 1);
    expect((await state()).history.undo.at(-1)).toBe(`Grow ${growOp.px} px`);
    expect(await previewOps()).toBeNull();
    const grown = await maskOf(sel.id);
    expect(area(grown)).toBeGreaterThan(area(base) * 1.1);
    // About (80 + 2px)² for a square grown by px (rounded corners make it a little less).
    expect(area(grown)).toBeLessThanOrEqual((80 + 2 * growOp.px!) ** 2 + 4);

    // Feather: soft edge, the 50 % contour stays where it was.
    n = await steps();
    const releaseFeather = await dragRange(page.getByTestId('maskop-feather'), 0.02, 0.12);
    await expect.poll(async () => (await previewOps())?.ops.at(-1)?.kind).toBe('feather');
    await shot('feather-preview');
    await releaseFeather();
    await expect.poll(async () => (await layerOf(sel.id)).ops.map((o) => o.kind)).toEqual(['grow', 'feather']);
    expect(await steps()).toBe(n + 1);
    const feathered = await maskOf(sel.id);
    const grownHard = Uint8Array.from(grown, (v) => (v >= 128 ? 1 : 0));
    expect(iou(feathered, grownHard)).toBeGreaterThanOrEqual(0.95);
    expect(feathered.some((v) => v > 10 && v < 245)).toBe(true);

    // Escape cancels a preview: no step, no op.
    n = await steps();
    const releaseSmooth = await dragRange(page.getByTestId('maskop-smooth'), 0.02, 0.2);
    await expect.poll(async () => (await previewOps())?.ops.at(-1)?.kind).toBe('smooth');
    await page.keyboard.press('Escape');
    await expect.poll(() => previewOps()).toBeNull();
    await releaseSmooth();
    await page.waitForTimeout(100);
    expect((await layerOf(sel.id)).ops.map((o) => o.kind)).toEqual(['grow', 'feather']);
    expect(await steps()).toBe(n);

    // Reset: one step, back to the plain SAM mask; undo brings the ops back.
    await page.getByTestId('maskop-reset').click();
    await expect.poll(async () => (await layerOf(sel.id)).ops).toEqual([]);
    expect(await steps()).toBe(n + 1);
    expect((await state()).history.undo.at(-1)).toBe('Reset operations');
    expect(iou(await maskOf(sel.id), square)).toBeGreaterThanOrEqual(0.9);
    await page.getByTestId('undo-button').click();
    await expect.poll(async () => (await layerOf(sel.id)).ops.length).toBe(2);
    expect(pageErrors).toEqual([]);
  });
  it('refine sliders: a key burst is one undo step, a typed value is one, a 6-px drag is a pixel or two', async () => {
    const sel = (await selections())[0]!;
    const steps = async () => (await state()).historySize;
    const ops = async () => (await layerOf(sel.id)).ops;
    const before = (await ops()).length;
    const grow = page.getByTestId('maskop-grow');

    // Six arrow presses: the preview follows each, the document gets one "Grow 6 px" after the burst.
    let n = await steps();
    await grow.focus();
    for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await previewOps())?.ops.at(-1)).toEqual({ kind: 'grow', px: 6 });
    await expect.poll(async () => (await ops()).length, { timeout: 5000 }).toBe(before + 1);
    expect((await ops()).at(-1)).toEqual({ kind: 'grow', px: 6 });
    expect(await steps()).toBe(n + 1);
    expect((await state()).history.undo.at(-1)).toBe('Grow 6 px');
    await page.waitForTimeout(900);
    expect(await steps()).toBe(n + 1); // nothing more arrives later

    // A typed value: previewed as typed, one step on Enter.
    n = await steps();
    const typed = page.getByTestId('maskop-grow-input');
    await typed.fill('-3');
    await expect.poll(async () => (await previewOps())?.ops.at(-1)).toEqual({ kind: 'grow', px: -3 });
    await typed.press('Enter');
    await expect.poll(async () => (await ops()).length).toBe(before + 2);
    expect((await ops()).at(-1)).toEqual({ kind: 'grow', px: -3 });
    expect([await steps(), (await state()).history.undo.at(-1)]).toEqual([n + 1, 'Shrink 3 px']);
    expect(await typed.inputValue()).toBe('0'); // back at rest for the next one

    // A 6-px drag from the middle: a small grow (it was +12 px).
    n = await steps();
    const b = (await grow.boundingBox())!;
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2 + 6, b.y + b.height / 2, { steps: 3 });
    await page.mouse.up();
    await expect.poll(async () => (await ops()).length).toBe(before + 3);
    const small = (await ops()).at(-1)!;
    expect(small.kind).toBe('grow');
    expect(small.px).toBeGreaterThanOrEqual(1);
    expect(small.px).toBeLessThanOrEqual(2);
    expect(await steps()).toBe(n + 1);

    // Each was one step: three undos take all three away.
    for (let i = 0; i < 3; i++) await page.getByTestId('undo-button').click();
    await expect.poll(async () => (await ops()).length).toBe(before);
    expect(pageErrors).toEqual([]);
  });
});
