// Runs in: tests (node → Chromium). Generative fill through the UI with the SD stand-ins (their UNet paints
// the mask in the colour the prompt names): select with the wand, the plan rectangle appears, "red" →
// three candidates, pick one, peek at the original, Apply → one new layer whose export is red inside
// and byte-identical outside the patch; undo restores the export exactly. Cancel, a NaN pack and an
// over-long prompt are messages that change nothing; without an SD pack the panel offers Models….
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStandins } from '../../src-main/standins/index';
import type { AnyfillTestHook, AnyfillTestWindow } from '../../src-renderer/test-hook';
import { launchChromium, startServe, type ServeProcess } from '../helpers/browser-host-process';
import { EditorPage } from './editor-page';

const W = 640;
const H = 400;
const BOX = { x0: 220, y0: 140, x1: 380, y1: 260 };
const inBox = (x: number, y: number) => x >= BOX.x0 && x < BOX.x1 && y >= BOX.y0 && y < BOX.y1;

/** A soft green gradient with a flat blue box: the wand selects the box exactly. */
function render(): Buffer {
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      out.set(inBox(x, y) ? [40, 60, 200] : [80 + Math.floor(x / 8), 140, 70 + Math.floor(y / 10)], (y * W + x) * 3);
  return out;
}

type Hook = AnyfillTestHook<{
  document: {
    width: number;
    height: number;
    layers: Array<{ id: string; kind: string; name: string; visible: boolean; x?: number; y?: number }>;
  };
  history: { undo: string[] };
  messages: Array<{ kind: string; text: string }>;
}>;
const hookOf = (p: Page) => ({
  state: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState()),
  generate: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.generate()),
});
const undoCount = async (p: Page) => (await hookOf(p).state()).history.undo.length;
const blur = (p: Page) => p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

export interface Session {
  dir: string;
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  editor: EditorPage;
  errors: string[];
}

export async function openSession(install: (id: string) => boolean): Promise<Session> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-gen-'));
  await writeStandins(path.join(dir, 'models'), install);
  const serve = await startServe([], { ANYFILL_MODELS_DIR: path.join(dir, 'models'), ANYFILL_CACHE_DIR: path.join(dir, 'cache') });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${serve.url}?test=1`);
  await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
  const editor = new EditorPage(page);
  const png = await sharp(render(), { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer();
  await editor.openBytesWithDialog('box.png', png);
  await editor.waitForLayers(1);
  await editor.waitIdle();
  return { dir, serve, browser, page, editor, errors };
}

export async function closeSession(s: Session | undefined): Promise<void> {
  await s?.browser.close();
  await s?.serve.stop();
  if (s?.dir) await rm(s.dir, { recursive: true, force: true });
}

/** W, then a click on the box: one selection object, the target of the Fill and Generate panels. */
export async function wandSelectBox(s: Session): Promise<void> {
  const rect = await s.editor.documentRect();
  await s.page.keyboard.press('w');
  const before = await undoCount(s.page);
  await s.page.mouse.click(rect.x + ((BOX.x0 + BOX.x1) / 2 / W) * rect.w, rect.y + ((BOX.y0 + BOX.y1) / 2 / H) * rect.h);
  await s.page.waitForFunction((n) => (window as unknown as AnyfillTestWindow).__anyfillTest.historySize() === n, before + 1);
}

export async function exportComposite(page: Page): Promise<{ data: Buffer; width: number; height: number }> {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-button').click();
  const file = await (await download).path();
  const { data, info } = await sharp(await readFile(file))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('generative fill with the SD stand-ins', () => {
  let s: Session;
  const gen = () => hookOf(s.page).generate();
  const state = () => hookOf(s.page).state();
  const messages = async () => (await state()).messages.map((m) => m.text).join('\n');

  beforeAll(async () => {
    s = await openSession((id) => id === 'sd15-inpaint' || id === 'standin-sd-nan');
    await wandSelectBox(s);
  }, 90_000);
  afterAll(() => closeSession(s));

  it('select, plan, generate "red", compare, peek, apply as one layer; undo restores the export exactly', async () => {
    const { page } = s;
    await expect.poll(async () => (await gen()).planShown, { timeout: 15_000 }).toBe(true);
    const plan = (await gen()).plan!;
    expect(plan.processingSize.width % 64).toBe(0);
    expect(plan.cropRect.x).toBeLessThanOrEqual(BOX.x0);
    expect(plan.cropRect.x + plan.cropRect.width).toBeGreaterThanOrEqual(BOX.x1);
    await expect.poll(() => page.getByTestId('generate-plan').innerText()).toMatch(/generated at \d+ × \d+/);

    const before = await exportComposite(page);
    const count = (await state()).document.layers.length;
    const undo = (await state()).history.undo.length;
    await page.getByTestId('generate-advanced').click();
    await page.getByTestId('generate-steps').fill('8');
    await page.getByTestId('generate-prompt').fill('red');
    await page.getByTestId('generate-prompt').press('Enter');
    await expect.poll(() => page.getByTestId('jobs-bar').isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await gen()).candidates?.length, { timeout: 120_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('jobs-bar').count()).toBe(0);
    expect(await page.getByTestId('generate-candidate').count()).toBe(3);
    expect((await state()).history.undo.length).toBe(undo); // comparing is not an edit
    expect((await gen()).planShown).toBe(false);

    await page.getByTestId('generate-candidate').nth(1).click();
    await expect.poll(async () => (await gen()).chosen).toBe(1);
    await expect.poll(async () => (await gen()).candidateShown).toBe(true);
    await blur(page);
    await page.keyboard.down('\\');
    await expect.poll(async () => (await gen()).candidateShown).toBe(false);
    await page.keyboard.up('\\');
    await expect.poll(async () => (await gen()).candidateShown).toBe(true);
    const chosen = (await gen()).candidates![1]!;

    // The before/after divider: dragged to the crop's middle, the original shows on its left.
    const handle = (await page.getByTestId('compare-divider').boundingBox())!;
    const doc = await s.editor.documentRect();
    const midX = doc.x + ((plan.cropRect.x + plan.cropRect.width / 2) / W) * doc.w;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(midX, handle.y + handle.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await gen()).split).toBeGreaterThan(0.4);
    expect((await gen()).split).toBeLessThan(0.6);
    expect((await state()).history.undo.length).toBe(undo);

    await page.getByTestId('generate-apply').click();
    await expect.poll(async () => (await state()).history.undo.length).toBe(undo + 1);
    const layers = (await state()).document.layers;
    expect(layers).toHaveLength(count + 1);
    expect(layers[1]).toMatchObject({ kind: 'image', name: `Generative fill: red (seed ${chosen.seed})`, x: chosen.x, y: chosen.y });
    expect(layers.find((l) => l.kind === 'selection')?.visible).toBe(false);
    expect((await gen()).candidates).toBeNull();

    const after = await exportComposite(page);
    let changedOutside = 0;
    let red = 0;
    let inside = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = (y * W + x) * 3;
        const inPatch = x >= chosen.x && x < chosen.x + chosen.width && y >= chosen.y && y < chosen.y + chosen.height;
        if (
          !inPatch &&
          (after.data[i] !== before.data[i] || after.data[i + 1] !== before.data[i + 1] || after.data[i + 2] !== before.data[i + 2])
        )
          changedOutside++;
        if (inBox(x, y)) {
          inside++;
          if (after.data[i]! > after.data[i + 1]! + 60 && after.data[i]! > after.data[i + 2]! + 60) red++;
        }
      }
    }
    expect(changedOutside).toBe(0);
    expect(red / inside).toBeGreaterThan(0.9);

    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await state()).document.layers.length).toBe(count);
    expect(Buffer.compare((await exportComposite(page)).data, before.data)).toBe(0);
  });

  it('a step preview shows while it runs; cancel mid-run leaves the document exactly as it was and clears the jobs bar', async () => {
    const { page } = s;
    const undo = (await state()).history.undo.length;
    const count = (await state()).document.layers.length;
    await page.getByTestId('generate-steps').fill('150');
    await page.getByTestId('generate-run').click();
    await expect.poll(() => page.getByTestId('job-status').innerText(), { timeout: 30_000 }).toMatch(/step/);
    // The rough step preview (latents → tiny WebP) shows in the job card.
    await expect.poll(() => page.getByTestId('job-preview').getAttribute('src'), { timeout: 30_000 }).toMatch(/^data:image\/webp;base64,/);
    await page.getByTestId('job').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(messages, { timeout: 30_000 }).toMatch(/Generation cancelled/);
    await expect.poll(() => page.getByTestId('jobs-bar').count()).toBe(0);
    expect((await gen()).candidates).toBeNull();
    expect((await state()).history.undo.length).toBe(undo);
    expect((await state()).document.layers.length).toBe(count);
  });

  it('a pack whose UNet outputs NaN: an explained error with a fix, no candidates, no layer', async () => {
    const { page } = s;
    const count = (await state()).document.layers.length;
    await page.getByTestId('generate-steps').fill('3');
    await page.getByTestId('generate-pack').selectOption('standin-sd-nan');
    await page.getByTestId('generate-run').click();
    await expect.poll(messages, { timeout: 60_000 }).toMatch(/invalid numbers \(NaN\/Inf\).*verify the pack "standin-sd-nan"/);
    await expect.poll(() => page.getByTestId('jobs-bar').count()).toBe(0);
    expect((await gen()).candidates).toBeNull();
    expect((await state()).document.layers.length).toBe(count);
    await page.getByTestId('generate-pack').selectOption('');
  });

  it('an over-long prompt says what was cut; Escape discards the candidates', async () => {
    const { page } = s;
    await page.getByTestId('generate-variants').fill('1');
    const long = `red ${Array.from({ length: 90 }, (_, i) => `word${i}`).join(' ')}`;
    await page.getByTestId('generate-prompt').fill(long);
    await page.getByTestId('generate-run').click();
    await expect.poll(async () => (await gen()).candidates?.length, { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('generate-prompt-notice').innerText()).toMatch(/left out/);
    expect(await page.getByTestId('generate-prompt-notice').innerText()).toContain('word89');
    await blur(page);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await gen()).candidates).toBeNull();
  });

  it('Remove (the removal setup) gives candidates; Discard drops them, Enter applies one as a "Remove" layer', async () => {
    const { page } = s;
    const undo = (await state()).history.undo.length;
    await page.getByTestId('generate-remove').click();
    await expect.poll(async () => (await gen()).candidates?.length, { timeout: 60_000 }).toBe(1);
    await page.getByTestId('generate-discard').click();
    expect((await gen()).candidates).toBeNull();
    await page.getByTestId('generate-remove').click();
    await expect.poll(async () => (await gen()).candidates?.length, { timeout: 60_000 }).toBe(1);
    await blur(page);
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await state()).history.undo.length).toBe(undo + 1);
    expect((await state()).document.layers[1]?.name).toMatch(/^Remove \(seed \d+\)$/);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await state()).history.undo.length).toBe(undo);
  });

  it('Extend Canvas… right +128 px: one undo step grows the document, the photo stays pixel-exact; undo restores the size', async () => {
    const { page } = s;
    const before = await exportComposite(page);
    const undo = (await state()).history.undo.length;
    await page.getByTestId('menu-edit').click();
    await page.getByRole('menuitem', { name: /Extend Canvas/ }).click();
    await expect.poll(() => page.getByTestId('outpaint-dialog').isVisible()).toBe(true);
    await page.getByTestId('outpaint-right').fill('128');
    await page.getByTestId('outpaint-prompt').fill('green');
    await page.getByTestId('outpaint-run').click();
    await expect.poll(async () => (await state()).history.undo.length, { timeout: 120_000 }).toBe(undo + 1);
    await expect.poll(() => page.getByTestId('jobs-bar').count()).toBe(0);
    const doc = (await state()).document;
    expect([doc.width, doc.height]).toEqual([W + 128, H]);
    expect(doc.layers[0]).toMatchObject({ kind: 'image', x: 0, y: 0, width: W + 128, height: H });
    expect(doc.layers[1]).toMatchObject({ kind: 'image', x: 0, y: 0 }); // the photo, on top of the grown picture

    const after = await exportComposite(page);
    expect([after.width, after.height]).toEqual([W + 128, H]);
    let changed = 0;
    let green = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W + 128; x++) {
        const i = (y * (W + 128) + x) * 3;
        if (x < W) {
          const j = (y * W + x) * 3;
          if (after.data[i] !== before.data[j] || after.data[i + 1] !== before.data[j + 1] || after.data[i + 2] !== before.data[j + 2])
            changed++;
        } else if (after.data[i + 1]! > after.data[i]! && after.data[i + 1]! > after.data[i + 2]!) green++;
      }
    }
    expect(changed).toBe(0);
    expect(green / (128 * H)).toBeGreaterThan(0.5);

    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await state()).document.width).toBe(W);
    const undone = await exportComposite(page);
    expect([undone.width, undone.height]).toEqual([W, H]);
    expect(Buffer.compare(undone.data, before.data)).toBe(0);
    expect(s.errors).toEqual([]);
  });
});

describe('generative fill with no SD pack installed', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession(() => false);
    await wandSelectBox(s);
  }, 90_000);
  afterAll(() => closeSession(s));

  it('Generate says why and offers Open Models…; Remove falls back to content-aware fill', async () => {
    const { page } = s;
    await expect.poll(() => page.getByTestId('generate-run').isDisabled()).toBe(true);
    expect(await page.getByTestId('generate-run').getAttribute('title')).toMatch(/needs a Stable Diffusion inpainting model/);
    expect(await page.getByTestId('generate-remove').getAttribute('title')).toMatch(/content-aware fill/);
    await page.getByTestId('generate-open-models').click();
    await expect.poll(() => page.getByTestId('model-manager').isVisible()).toBe(true);
  });
});
