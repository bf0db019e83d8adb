// Runs in: tests (node → Chromium). Photoshop's modifiers in every selection tool (issue 16): with the
// stand-in MobileSAM a plain click on a second object starts a new selection (the first stays as it was),
// Alt+click adds an exclude point to the open one, Shift+click an include point; the magic wand's Shift
// adds to that same selection and its plain click starts a new one; each tool shows its hint line.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLUE, DARK_RED, GREEN, RED, type Scene } from '../../src-main/standins/sam/scenes';
import { useEditor } from './fixture';
import { iou, sceneAt } from './scene-masks';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

/** Red and dark red side by side (one SAM stand-in click takes both) and a green disc, as in select.test.ts. */
const SCENE: Scene = {
  width: 1200,
  height: 800,
  background: BLUE,
  shapes: [
    { kind: 'rect', rgb: RED, x0: 150, y0: 300, x1: 450, y1: 600 },
    { kind: 'rect', rgb: DARK_RED, x0: 500, y0: 300, x1: 650, y1: 600 },
    { kind: 'disc', rgb: GREEN, cx: 950, cy: 300, r: 140 },
  ],
};
const S = 0.5;
const { W, H, truth } = sceneAt(SCENE, S);

type Hook = AnyfillTestHook<{
  document: { layers: Array<{ id: string; kind: string; prompt?: { points: Array<{ label: number }> }; wand?: unknown[] }> };
  history: { undo: string[] };
}>;
const hook = (p: Page) => ({
  state: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState()),
  mask: (id: string) =>
    p.evaluate(({ id, w, h }) => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.selectionMask(id, w, h), { id, w: W, h: H }),
  active: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.activeSelectionId()),
  running: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.selectionRunning()),
});

describe('selection modifiers: plain = new, Shift = add, Alt = subtract', () => {
  const fx = useEditor({ models: (id) => id === 'mobilesam' });
  let page: Page;
  let t: ReturnType<typeof hook>;
  let rect = { x: 0, y: 0, w: 1, h: 1 };
  const at = (x: number, y: number) => ({ x: rect.x + (x * rect.w) / SCENE.width, y: rect.y + (y * rect.h) / SCENE.height });
  const selections = async () => (await t.state()).document.layers.filter((l) => l.kind === 'selection');
  const settle = async (steps: number) => {
    await expect
      .poll(async () => (await t.running()) === 0 && (await t.state()).history.undo.length === steps, { timeout: 15_000 })
      .toBe(true);
  };
  const click = async (x: number, y: number, modifier?: 'Shift' | 'Alt') => {
    const p = at(x, y);
    if (modifier) await page.keyboard.down(modifier);
    await page.mouse.click(p.x, p.y);
    if (modifier) await page.keyboard.up(modifier);
  };

  beforeAll(async () => {
    page = fx.page;
    t = hook(page);
    await fx.editor.openScene(SCENE);
    rect = await fx.editor.documentRect();
  }, 60_000);

  it('Select: a plain click on a second object starts a new selection; Alt subtracts; Shift adds a point to it', async () => {
    await page.keyboard.press('s');
    await expect.poll(() => page.getByTestId('tool-hint').innerText()).toMatch(/Shift\+click: add.*Alt\+click.*subtract/);
    const base = (await t.state()).history.undo.length;
    await click(950, 300);
    await settle(base + 1);
    const [first] = await selections();
    const firstMask = (await t.mask(first!.id))!;
    expect(iou(firstMask, truth(2))).toBeGreaterThanOrEqual(0.95);

    // A plain click on the red shades: a new selection (before: a second include point on the disc's).
    await click(300, 450);
    await settle(base + 2);
    const two = await selections();
    expect(two).toHaveLength(2);
    const second = two[1]!;
    expect(await t.active()).toBe(second.id);
    expect(iou((await t.mask(second.id))!, truth(0, 1))).toBeGreaterThanOrEqual(0.95);
    expect(await t.mask(first!.id)).toEqual(firstMask);
    expect(two[0]!.prompt!.points.map((p) => p.label)).toEqual([1]);

    await click(575, 450, 'Alt'); // an exclude point takes the dark red away
    await settle(base + 3);
    expect((await selections())[1]!.prompt!.points.map((p) => p.label)).toEqual([1, 0]);
    expect(iou((await t.mask(second.id))!, truth(0))).toBeGreaterThanOrEqual(0.95);

    // Shift+click: an include point on the same selection (before: an exclude point), no new selection.
    await click(250, 350, 'Shift');
    await settle(base + 4);
    expect(await selections()).toHaveLength(2);
    expect(await t.active()).toBe(second.id);
    expect((await selections())[1]!.prompt!.points.map((p) => p.label)).toEqual([1, 0, 1]);
    expect(iou((await t.mask(second.id))!, truth(0))).toBeGreaterThanOrEqual(0.95);
    expect(await t.mask(first!.id)).toEqual(firstMask);
  });

  it('Magic wand, same modifiers: Shift+click adds the disc to the open (SAM) selection; a plain click starts a new one', async () => {
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('tool-hint').innerText()).toMatch(/Click: new selection · Shift\+click: add/);
    const base = (await t.state()).history.undo.length;
    const open = (await t.active())!;
    await click(950, 300, 'Shift');
    await settle(base + 1);
    expect(await selections()).toHaveLength(2);
    expect(iou((await t.mask(open))!, truth(0, 2))).toBeGreaterThanOrEqual(0.95);
    await click(575, 450);
    await settle(base + 2);
    const sels = await selections();
    expect(sels).toHaveLength(3);
    expect(await t.active()).toBe(sels[2]!.id);
    expect(iou((await t.mask(sels[2]!.id))!, truth(1))).toBeGreaterThanOrEqual(0.95);
    expect(iou((await t.mask(open))!, truth(0, 2))).toBeGreaterThanOrEqual(0.95);
    expect(fx.pageErrors).toEqual([]);
  });
});
