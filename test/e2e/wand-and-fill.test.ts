// Runs in: tests (node → Chromium). "Works before any download": with NO model installed, the magic wand
// selects a flat-coloured shape exactly (the engine's full-resolution mask), Shift adds and Alt subtracts,
// content-aware fill replaces the shape with the striped background around it as a new layer, the export
// keeps every pixel outside the fill's blend region byte-identical, cancel changes nothing, undo works.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

const W = 1200;
const H = 800;
const RED_RECT = { x0: 300, y0: 250, x1: 520, y1: 430 }; // on the stripes
const GREEN_DISC = { cx: 900, cy: 500, r: 90 };

/** Vertical stripes (period 24 px) in two blues: the texture a good fill must continue. */
function stripes(x: number): [number, number, number] {
  return Math.floor(x / 12) % 2 ? [40, 70, 150] : [90, 130, 210];
}
const inRect = (x: number, y: number) => x >= RED_RECT.x0 && x < RED_RECT.x1 && y >= RED_RECT.y0 && y < RED_RECT.y1;
const inDisc = (x: number, y: number) => (x + 0.5 - GREEN_DISC.cx) ** 2 + (y + 0.5 - GREEN_DISC.cy) ** 2 <= GREEN_DISC.r ** 2;

function render(withShapes: boolean): Buffer {
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const rgb = withShapes && inRect(x, y) ? [220, 40, 40] : withShapes && inDisc(x, y) ? [40, 200, 60] : stripes(x);
      out.set(rgb, (y * W + x) * 3);
    }
  }
  return out;
}

type Hook = AnyfillTestHook<{
  document: { layers: Array<{ id: string; kind: string; name: string; visible: boolean; x?: number; y?: number; wand?: unknown[] }> };
  history: { undo: string[] };
  messages: Array<{ kind: string; text: string }>;
}>;
const hookOf = (p: Page) => ({
  state: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState()),
  fullResUrl: (id: string) => p.evaluate((id) => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.selectionFullResUrl(id), id),
});

describe('magic wand and content-aware fill, with no models installed', () => {
  const fx = useEditor({ models: 'none' });
  let page: Page;
  let editor: EditorPage;
  let t: ReturnType<typeof hookOf>;
  let rect = { x: 0, y: 0, w: 1, h: 1 };
  const at = (x: number, y: number) => ({ x: rect.x + ((x + 0.5) * rect.w) / W, y: rect.y + ((y + 0.5) * rect.h) / H });
  const layers = async () => (await t.state()).document.layers;
  const undoCount = async () => (await t.state()).history.undo.length;
  const fullResMask = async (id: string) => {
    const url = await t.fullResUrl(id);
    const res = await fetch(new URL(url!, fx.serve.url));
    // An 8-bit grey PNG; libvips hands raw grey back as three equal channels unless told to take one.
    return sharp(Buffer.from(await res.arrayBuffer()))
      .extractChannel(0)
      .raw()
      .toBuffer({ resolveWithObject: true });
  };
  const exportComposite = async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    const file = await (await download).path();
    return sharp(await readFile(file))
      .removeAlpha()
      .raw()
      .toBuffer();
  };

  beforeAll(() => {
    ({ page, editor } = fx);
    t = hookOf(page);
  });

  it('first run: the empty editor says what works now and points to the model manager for AI tools', async () => {
    const hint = page.getByTestId('first-model-hint');
    await expect.poll(() => hint.innerText()).toMatch(/Magic Wand.*Content-Aware Fill/s);
    await expect.poll(() => hint.innerText()).toMatch(/Models/);
  });

  it('the wand selects exactly the flat red rectangle; Shift adds the disc, Alt takes it away; each one undo step', async () => {
    const png = await sharp(render(true), { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer();
    await editor.openBytesWithDialog('stripes.png', png);
    await editor.waitForLayers(1);
    await editor.waitIdle();
    rect = await editor.documentRect();
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('wand-controls').isVisible()).toBe(true);
    const base = await undoCount();
    const c = at(410, 340);
    await page.mouse.click(c.x, c.y);
    await expect.poll(undoCount).toBe(base + 1);
    const sel = (await layers()).find((l) => l.kind === 'selection')!;
    const { data, info } = await fullResMask(sel.id);
    expect([info.width, info.height]).toEqual([W, H]);
    let wrong = 0;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (data[y * W + x]! >= 128 !== inRect(x, y)) wrong++;
    expect(wrong).toBe(0); // pixel-exact on a flat shape

    const d = at(GREEN_DISC.cx, GREEN_DISC.cy);
    await page.keyboard.down('Shift');
    await page.mouse.click(d.x, d.y);
    await page.keyboard.up('Shift');
    await expect.poll(undoCount).toBe(base + 2);
    expect((await layers()).filter((l) => l.kind === 'selection')).toHaveLength(1); // added to the same selection
    const both = await fullResMask(sel.id);
    expect(both.data[GREEN_DISC.cy * W + GREEN_DISC.cx]).toBe(255);

    await page.keyboard.down('Alt');
    await page.mouse.click(d.x, d.y);
    await page.keyboard.up('Alt');
    await expect.poll(undoCount).toBe(base + 3);
    const back = await fullResMask(sel.id);
    expect(Buffer.compare(back.data, data)).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(undoCount).toBe(base + 2);
    await page.keyboard.press('Control+z');
    await expect.poll(undoCount).toBe(base + 1);
  });

  it('content-aware fill continues the stripes where the rectangle was; outside its blend region nothing changes', async () => {
    const before = await exportComposite();
    const base = await undoCount();
    const count = (await layers()).length;
    await page.getByTestId('fill-method').selectOption('patchmatch');
    await page.getByTestId('fill-seed').fill('7');
    await page.getByTestId('fill-seed').blur(); // keys typed in a field stay in the field
    await page.keyboard.press('Shift+Backspace');
    await expect.poll(() => page.getByTestId('jobs-bar').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(undoCount, { timeout: 60_000 }).toBe(base + 1);
    const after = await layers();
    expect(after).toHaveLength(count + 1);
    expect(after[1]).toMatchObject({ kind: 'image', name: 'Fill (PatchMatch, seed 7)' }); // right above the photo
    expect(after.find((l) => l.kind === 'selection')?.visible).toBe(false); // its tint is out of the way

    const filled = await exportComposite();
    const truth = render(false);
    let changedFar = 0;
    let err = 0;
    let n = 0;
    let red = 0;
    const margin = 12; // the feathered edge may blend a few pixels outside the rectangle
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 3;
        const near = x >= RED_RECT.x0 - margin && x < RED_RECT.x1 + margin && y >= RED_RECT.y0 - margin && y < RED_RECT.y1 + margin;
        if (!near && (filled[i] !== before[i] || filled[i + 1] !== before[i + 1] || filled[i + 2] !== before[i + 2])) changedFar++;
        if (inRect(x, y)) {
          n++;
          err += Math.abs(filled[i]! - truth[i]!) + Math.abs(filled[i + 1]! - truth[i + 1]!) + Math.abs(filled[i + 2]! - truth[i + 2]!);
          if (filled[i]! > 150 && filled[i + 1]! < 100) red++;
        }
      }
    }
    expect(changedFar).toBe(0);
    expect(red).toBe(0);
    // Stripes rebuilt: mean error per channel well under the stripes' own contrast (50–60 levels).
    expect(err / n / 3).toBeLessThan(15);

    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await layers()).length).toBe(count);
    expect(Buffer.compare(await exportComposite(), before)).toBe(0);
  });

  it('cancel leaves the document exactly as it was', async () => {
    const base = await undoCount();
    const count = (await layers()).length;
    await page.getByTestId('fill-seed').fill('');
    await page.getByTestId('fill-run').click();
    await page.getByTestId('job').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(async () => (await t.state()).messages.map((m) => m.text).join('\n'), { timeout: 30_000 }).toMatch(/cancelled/i);
    await expect.poll(() => page.getByTestId('jobs-bar').count()).toBe(0);
    expect(await undoCount()).toBe(base);
    expect((await layers()).length).toBe(count);
    expect(fx.pageErrors).toEqual([]);
  });
});
