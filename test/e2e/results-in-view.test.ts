// Runs in: tests (node → Chromium). Issue 16 at a 1366 × 768 window (stand-in MobileSAM and SD): Zoom to
// Fit keeps the image clear of the floating bars; after Generate the candidates and Apply (Enter) /
// Discard (Esc) are on screen next to the image, their thumbnails show the photo, and Apply works; the
// SAM candidates show the photo under each mask and the default is the best score; the Extend Canvas
// dialog says the resulting size and outlines it; a bad file's message names it, clear of the bottom bar.
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLUE, DARK_RED, GREEN, RED, type Scene } from '../../src-main/standins/sam/scenes';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';

const VIEW = { width: 1366, height: 768 };
const SCENE: Scene = {
  width: 1500,
  height: 1000,
  background: BLUE,
  shapes: [
    { kind: 'rect', rgb: RED, x0: 300, y0: 400, x1: 700, y1: 700 },
    { kind: 'rect', rgb: DARK_RED, x0: 750, y0: 400, x1: 1000, y1: 700 },
    { kind: 'disc', rgb: GREEN, cx: 1250, cy: 300, r: 150 },
  ],
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const intersects = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (b: Box) => b.x >= 0 && b.y >= 0 && b.x + b.width <= VIEW.width && b.y + b.height <= VIEW.height;

/** The boxes of every floating bar at the bottom of the canvas now shown. */
async function bottomBars(page: Page): Promise<Box[]> {
  const bars = page.locator('[data-testid="selection-bar"] > *, [data-testid="results-panel"]');
  const boxes: Box[] = [];
  for (let i = 0; i < (await bars.count()); i++) {
    const b = await bars.nth(i).boundingBox();
    if (b && b.width > 0 && b.height > 0) boxes.push(b);
  }
  return boxes;
}

/** Decoded RGB of what an element shows on screen. */
async function shot(l: Locator): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(await l.screenshot())
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('results where the eye is, at 1366 × 768', () => {
  const fx = useEditor({ viewport: VIEW, models: (id) => id === 'mobilesam' || id === 'sd15-inpaint' });
  let page: Page;
  let editor: EditorPage;
  const gen = () => page.evaluate(() => (window as unknown as AnyfillTestWindow).__anyfillTest.generate());
  const at = async (x: number, y: number) => {
    const r = await editor.documentRect();
    return { x: r.x + (x * r.w) / SCENE.width, y: r.y + (y * r.h) / SCENE.height };
  };
  const docBox = async (): Promise<Box> => {
    const r = await editor.documentRect();
    return { x: r.x, y: r.y, width: r.w, height: r.h };
  };

  beforeAll(async () => {
    ({ page, editor } = fx);
    await editor.openScene(SCENE);
  }, 60_000);

  it('Zoom to Fit leaves the image uncovered by the tool bar and the SAM candidate strip', async () => {
    await page.getByTestId('tool-wand').click();
    await page.getByTestId('selection-bar').waitFor();
    const wandBars = await bottomBars(page);
    expect(wandBars.length).toBeGreaterThan(0);
    for (const b of wandBars) expect(intersects(await docBox(), b)).toBe(false);

    await page.getByTestId('tool-select').click();
    const c = await at(500, 550);
    await page.mouse.click(c.x, c.y);
    await page.getByTestId('candidates').waitFor();
    await expect.poll(() => page.locator('[data-testid="candidate"] img').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    for (const b of await bottomBars(page)) expect(intersects(await docBox(), b)).toBe(false);
  });

  it('SAM candidates: the default is the best score, and each thumbnail shows the photo under its mask', async () => {
    const cands = page.getByTestId('candidate');
    const scores = (await cands.locator('.score').allInnerTexts()).map(Number);
    const chosen = Number(await page.locator('[data-testid="candidate"][aria-selected="true"] .score').innerText());
    expect(chosen).toBe(Math.max(...scores));
    const thumbs: Array<{ data: Buffer; width: number; height: number }> = [];
    for (let i = 0; i < (await cands.count()); i++) thumbs.push(await shot(cands.nth(i).locator('.candidate-thumb')));
    for (const t of thumbs) {
      // Outside the mask the photo's blue shows (darkened), not a flat grey ground.
      let blue = 0;
      for (let i = 0; i < t.data.length; i += 3) if (t.data[i + 2]! > t.data[i]! + 12 && t.data[i + 2]! > t.data[i + 1]! + 8) blue++;
      expect(blue / (t.width * t.height)).toBeGreaterThan(0.1);
    }
    // Masks that differ (the red alone / both reds / more) give thumbnails that differ.
    const same = (a: (typeof thumbs)[number], b: (typeof thumbs)[number]) =>
      a.width === b.width && a.height === b.height && a.data.equals(b.data);
    expect(thumbs.some((t, i) => i > 0 && !same(t, thumbs[0]!))).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('after Generate the candidates and Apply/Discard are on screen with their keys, over-the-photo thumbnails, and Apply works', async () => {
    await page.getByTestId('tool-wand').click();
    const g = await at(1250, 300);
    await page.mouse.click(g.x, g.y);
    await expect.poll(async () => (await gen()).planShown, { timeout: 15_000 }).toBe(true);
    const layers = (await editor.state()).document!.layers.length;
    await page.getByTestId('generate-advanced').click();
    await page.getByTestId('generate-steps').fill('6');
    await page.getByTestId('generate-prompt').fill('red');
    await page.getByTestId('generate-prompt').press('Enter');
    await expect.poll(async () => (await gen()).candidates?.length, { timeout: 120_000 }).toBe(3);

    const apply = page.getByTestId('generate-apply');
    const discard = page.getByTestId('generate-discard');
    for (const l of [page.getByTestId('results-panel'), apply, discard, ...(await page.getByTestId('generate-candidate').all())]) {
      const b = await l.boundingBox();
      expect(b && inside(b), 'on screen without scrolling').toBe(true);
    }
    expect(await apply.innerText()).toMatch(/Apply\s*Enter/);
    expect(await discard.innerText()).toMatch(/Discard\s*Esc/);
    for (const b of await bottomBars(page)) expect(intersects(await docBox(), b)).toBe(false);

    // The thumbnail is the red patch with the photo's blue around it, not the patch alone.
    const t = await shot(page.getByTestId('generate-candidate-thumb').first());
    let red = 0;
    let blue = 0;
    for (let i = 0; i < t.data.length; i += 3) {
      const [r, gg, b] = [t.data[i]!, t.data[i + 1]!, t.data[i + 2]!];
      if (r > gg + 60 && r > b + 60) red++;
      if (b > r + 60 && b > gg + 60) blue++;
    }
    expect(red).toBeGreaterThan(20);
    expect(blue / (t.width * t.height)).toBeGreaterThan(0.1);

    await apply.click();
    await expect.poll(async () => (await editor.state()).document!.layers.length).toBe(layers + 1);
    expect((await gen()).candidates).toBeNull();
    expect(await page.getByTestId('results-panel').count()).toBe(0);
  });

  it('a bad file: the error toast names it, sits clear of the bottom bar, and closes', async () => {
    await page.getByTestId('tool-wand').click();
    await editor.openBytesWithDialog('holiday-notes.png', Buffer.from('Shopping list:\n- eggs\n'.repeat(20)));
    const toast = page.locator('[data-testid="message"][data-kind="error"]');
    await expect.poll(() => toast.count(), { timeout: 15_000 }).toBe(1);
    expect(await toast.innerText()).toContain('holiday-notes.png');
    const box = (await toast.boundingBox())!;
    expect(inside(box)).toBe(true);
    const bars = await bottomBars(page);
    expect(bars.length).toBeGreaterThan(0);
    for (const b of bars) expect(intersects(box, b)).toBe(false);
    await toast.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => toast.count()).toBe(0);
  });

  it('Extend Canvas says the resulting size and outlines it on the canvas', async () => {
    await page.getByTestId('tool-hand').click();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.getByTestId('menu-edit').click();
    await page.getByRole('menuitem', { name: /Extend Canvas/ }).click();
    await page.getByTestId('outpaint-dialog').waitFor();
    await page.getByTestId('outpaint-right').fill('256');
    await expect.poll(() => page.getByTestId('outpaint-result-size').innerText()).toMatch(/1756 × 1000/);
    await page.getByTestId('outpaint-mode-aspect').click();
    await page.getByTestId('outpaint-aspect-1:1').click();
    await expect.poll(() => page.getByTestId('outpaint-result-size').innerText()).toMatch(/1500 × 1500/);
    const outlined = () => page.evaluate(() => (window as unknown as AnyfillTestWindow).__anyfillTest.outpaintPreview());
    await expect.poll(outlined).toEqual({ x: 0, y: -250, width: 1500, height: 1500 });
    // A fitted view zooms out so all of the new canvas shows, clear of the bottom bar.
    await expect
      .poll(() => page.evaluate(() => (window as unknown as AnyfillTestWindow).__anyfillTest.imageToScreen(0, -250).y))
      .toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('outpaint-dialog').waitFor({ state: 'detached' });
    expect(await outlined()).toBeNull();
  });
});
