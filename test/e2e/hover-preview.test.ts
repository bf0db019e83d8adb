// Runs in: tests (node → Chromium). The select tool's hover preview with the stand-in MobileSAM: hovering a
// shape shows the mask a click there would give, without touching the document or the undo history;
// moving off the image or the canvas clears it; a click after hovering commits the click's own mask; the
// option (checkbox and Shift+S) turns it off and on; a dragged box shows none.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLUE, GREEN, RED, type Scene } from '../../src-main/standins/sam/scenes';
import { useEditor } from './fixture';
import { iou, sceneAt } from './scene-masks';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

const SCENE: Scene = {
  width: 1500,
  height: 1000,
  background: BLUE,
  shapes: [
    { kind: 'rect', rgb: RED, x0: 300, y0: 400, x1: 700, y1: 700 },
    { kind: 'disc', rgb: GREEN, cx: 1150, cy: 400, r: 200 },
  ],
};
// Masks are compared at 600 × 400.
const { W, H, truth } = sceneAt(SCENE, 0.4);

type Hook = AnyfillTestHook<{ document: { layers: Array<{ id: string; kind: string }> }; history: { undo: string[]; redo: string[] } }>;
type Win = { __anyfillTest: Hook };

describe('hover preview', () => {
  /** Segment requests as they cross the socket: a press's decode (segment.prefetch), a click's own, hovers. */
  const sent: Array<{ channel: string; lane?: string }> = [];
  const fx = useEditor({
    models: (id) => id === 'mobilesam',
    beforeLoad: (p) =>
      p.on('websocket', (ws) =>
        ws.on('framesent', (f) => {
          if (typeof f.payload !== 'string' || !/"segment\.(run|prefetch)"/.test(f.payload)) return;
          const msg = JSON.parse(f.payload) as { channel: string; payload: { lane?: string } };
          sent.push({ channel: msg.channel, ...(msg.payload.lane ? { lane: msg.payload.lane } : {}) });
        }),
      ),
  });
  const errors = fx.pageErrors;
  let page: Page;
  let rect = { x: 0, y: 0, w: 1, h: 1 };
  const at = (x: number, y: number) => ({ x: rect.x + (x * rect.w) / SCENE.width, y: rect.y + (y * rect.h) / SCENE.height });
  const state = () => page.evaluate(() => (window as unknown as Win).__anyfillTest.getState());
  const hover = () => page.evaluate(({ w, h }) => (window as unknown as Win).__anyfillTest.hoverMask(w, h), { w: W, h: H });
  const maskOf = (id: string) =>
    page.evaluate(({ id, w, h }) => (window as unknown as Win).__anyfillTest.selectionMask(id, w, h), { id, w: W, h: H });
  const running = () => page.evaluate(() => (window as unknown as Win).__anyfillTest.selectionRunning());
  const selections = async () => (await state()).document.layers.filter((l) => l.kind === 'selection');
  /** Move to image point (x, y) in a few steps, as a hand would. */
  const moveTo = async (x: number, y: number) => {
    const p = at(x, y);
    await page.mouse.move(p.x, p.y, { steps: 3 });
  };
  const hoverIoU = async (t: Uint8Array) => {
    const m = await hover();
    return m ? iou(m, t) : 0;
  };

  beforeAll(async () => {
    page = fx.page;
    const { editor } = fx;
    await editor.openScene(SCENE);
    rect = await editor.documentRect();
    await page.getByTestId('tool-select').click();
  }, 60_000);

  it('hovering a shape shows its mask and changes neither the document nor the history; moving off clears it', async () => {
    expect(await page.getByTestId('hover-preview-toggle').isChecked()).toBe(true); // on by default
    const before = await state();
    // The embedding is prepared when the tool is chosen: keep moving until the preview shows the disc.
    await expect
      .poll(
        async () => {
          await moveTo(1150 + Math.random() * 20, 400);
          return hoverIoU(truth(1));
        },
        { timeout: 20_000, interval: 200 },
      )
      .toBeGreaterThanOrEqual(0.95);
    await moveTo(500, 550);
    await expect.poll(() => hoverIoU(truth(0)), { timeout: 10_000 }).toBeGreaterThanOrEqual(0.95);
    if (process.env.ANYFILL_E2E_SHOTS) await page.screenshot({ path: path.join(process.env.ANYFILL_E2E_SHOTS, 'hover-preview.png') });
    const after = await state();
    expect(after.document).toEqual(before.document);
    expect(after.history).toEqual(before.history);

    // Off the image (still on the canvas), then off the canvas: no preview.
    const outside = at(-60, 500);
    await page.mouse.move(outside.x, outside.y, { steps: 2 });
    await expect.poll(() => hover()).toBeNull();
    await moveTo(500, 550);
    await expect.poll(() => hoverIoU(truth(0))).toBeGreaterThanOrEqual(0.95);
    const box = (await page.getByTestId('canvas-container').boundingBox())!;
    await page.mouse.move(box.x - 20, box.y + box.height / 2, { steps: 2 });
    await expect.poll(() => hover()).toBeNull();
    await page.waitForTimeout(300); // an answer still on its way is dropped, not shown
    expect(await hover()).toBeNull();
  });

  it('a click after hovering commits the click’s own mask, in one undo step', async () => {
    await moveTo(1150, 400);
    await expect.poll(() => hoverIoU(truth(1)), { timeout: 10_000 }).toBeGreaterThanOrEqual(0.95);
    // Click somewhere else than the shown preview: the red rectangle, not the disc.
    const steps = (await state()).history.undo.length;
    const p = at(500, 550);
    await page.mouse.click(p.x, p.y);
    await expect
      .poll(async () => (await running()) === 0 && (await state()).history.undo.length === steps + 1, { timeout: 15_000 })
      .toBe(true);
    const [sel] = await selections();
    expect(iou((await maskOf(sel!.id))!, truth(0))).toBeGreaterThanOrEqual(0.95);
    expect((await state()).history.undo.length).toBe(steps + 1); // hovers after the click add nothing
    await page.keyboard.press('Enter');
  });

  it('the option turns it off and on (checkbox and Shift+S); dragging a box shows none', async () => {
    const toggle = page.getByTestId('hover-preview-toggle');
    await toggle.uncheck();
    await moveTo(1150, 400);
    await moveTo(1160, 410);
    await page.waitForTimeout(400);
    expect(await hover()).toBeNull();
    await page.locator('body').press('Shift+S');
    expect(await toggle.isChecked()).toBe(true);
    await expect
      .poll(
        async () => {
          await moveTo(1150 + Math.random() * 20, 400);
          return hoverIoU(truth(1));
        },
        { timeout: 10_000, interval: 200 },
      )
      .toBeGreaterThanOrEqual(0.95);

    // Pressing starts a gesture: the preview goes and stays away while a box is dragged.
    const a = at(900, 150);
    const b = at(1400, 650);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
    await page.waitForTimeout(300);
    expect(await hover()).toBeNull();
    await page.mouse.move(b.x, b.y, { steps: 4 });
    expect(await hover()).toBeNull();
    await page.mouse.up();
    await expect.poll(async () => (await running()) === 0, { timeout: 15_000 }).toBe(true);
    expect(errors).toEqual([]);
  });

  it('with the preview off, a held press is decoded while the button is down: the release commits it without asking again', async () => {
    await page.keyboard.press('Enter');
    await page.getByTestId('hover-preview-toggle').uncheck();
    await expect.poll(() => hover()).toBeNull();
    const seen = sent.length;
    const steps = (await state()).history.undo.length;
    const p = at(1150, 420);
    await page.mouse.move(p.x, p.y);
    await page.mouse.down();
    await page.waitForTimeout(300); // a slow press: its answer is in before the release
    expect(sent.slice(seen)).toEqual([{ channel: 'segment.prefetch' }]);
    expect((await state()).history.undo.length).toBe(steps); // nothing committed while the button is down
    await page.mouse.up();
    await expect
      .poll(async () => (await running()) === 0 && (await state()).history.undo.length === steps + 1, { timeout: 15_000 })
      .toBe(true);
    expect(sent.slice(seen)).toEqual([{ channel: 'segment.prefetch' }]); // the release sent nothing
    const sel = (await selections()).at(-1); // the new one, above the earlier tests' selections
    expect(iou((await maskOf(sel!.id))!, truth(1))).toBeGreaterThanOrEqual(0.95);
    await page.getByTestId('hover-preview-toggle').check();
    expect(errors).toEqual([]);
  });
});
