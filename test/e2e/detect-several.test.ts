// Runs in: tests (node → Chromium). Select by text, several detections accepted at once: "red. green" with
// the Grounding DINO and MobileSAM stand-ins on a red square and a green disc → both accepted → two
// selection objects in the layers panel, each matching its shape; one user action, so one undo step
// removes both and one redo brings both back.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStandins } from '../../src-main/standins/index';
import { launchChromium, startServe, type ServeProcess } from '../helpers/browser-host-process';
import { EditorPage } from './editor-page';

const W = 320;
const H = 240;
const inSquare = (x: number, y: number) => x >= 40 && x < 120 && y >= 60 && y < 140; // red
const inDisc = (x: number, y: number) => (x + 0.5 - 225) ** 2 + (y + 0.5 - 120) ** 2 <= 45 ** 2; // green

function shapesPng(): Promise<Buffer> {
  const px = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) px.set(inSquare(x, y) ? [255, 0, 0] : inDisc(x, y) ? [0, 255, 0] : [40, 60, 200], (y * W + x) * 3);
  return sharp(px, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
}

function iou(mask: readonly number[], inside: (x: number, y: number) => boolean): number {
  let inter = 0;
  let uni = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const a = mask[y * W + x]! >= 128;
      const b = inside(x, y);
      if (a && b) inter++;
      if (a || b) uni++;
    }
  }
  return uni ? inter / uni : 1;
}

interface State {
  document: { layers: Array<{ id: string; kind: string; name: string; prompt: { detection?: { label: string } } }> } | null;
  historySize: number;
  history: { undo: string[] };
}
interface Hook {
  selectionMask(id: string, w: number, h: number): Promise<number[] | null>;
}

describe('select by text: several detections at once', () => {
  let dir = '';
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let editor: EditorPage;
  const pageErrors: string[] = [];
  const state = () => editor.state() as unknown as Promise<State>;
  const selections = async () => ((await state()).document?.layers ?? []).filter((l) => l.kind === 'selection');
  const maskOf = (id: string) => page.evaluate(({ id, w, h }) => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.selectionMask(id, w, h), { id, w: W, h: H });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-detect-several-'));
    await writeStandins(path.join(dir, 'models'), (id) => id === 'gdino-tiny' || id === 'mobilesam');
    serve = await startServe([], { ANYFILL_MODELS_DIR: path.join(dir, 'models'), ANYFILL_CACHE_DIR: path.join(dir, 'cache') });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${serve.url}?test=1`);
    await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
    editor = new EditorPage(page);
    await editor.openBytesWithDialog('shapes.png', await shapesPng());
    await editor.waitForLayers(1);
    await editor.waitIdle();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('accepting two detections makes two selection objects, each its shape, in one undo step', async () => {
    await page.keyboard.press('Control+KeyF');
    const input = page.getByTestId('detect-input');
    await input.waitFor();
    await input.fill('red. green');
    await page.getByTestId('detect-run').click();
    await expect.poll(() => page.getByTestId('detection').count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByTestId('detection-check').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked))).toEqual([true, true]);
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
      const shape = l.name === 'red' ? inSquare : inDisc;
      expect(iou((await maskOf(l.id))!, shape)).toBeGreaterThanOrEqual(0.9);
    }

    // One undo removes both; one redo brings both back with the same masks.
    const ids = sels.map((l) => l.id);
    await page.getByTestId('undo-button').click();
    await expect.poll(async () => (await selections()).length).toBe(0);
    expect((await state()).historySize).toBe(before);
    await expect.poll(() => rows.count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await selections()).map((l) => l.id)).toEqual(ids);
    for (const l of sels) expect(iou((await maskOf(l.id))!, l.name === 'red' ? inSquare : inDisc)).toBeGreaterThanOrEqual(0.9);
    expect(pageErrors).toEqual([]);
  });
});
