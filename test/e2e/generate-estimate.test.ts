// Runs in: tests (node → Chromium). The estimate before Generate with a real-cost SD pack: the SD 1.5
// cost twins at 1/10 of their channels (the same layers, about 76 MB, written into this test's temp dir;
// the time that takes is printed), on a wide, short photo so the model works at 512 × 192. Before any run
// the panel says how long Generate will take, marked rough (published compute × a measured machine speed);
// after one run it is this machine's measured speed, within ±25 % of that run's time (and of the next run's,
// at a steady machine load).
// After a restart of the host the estimate is still calibrated (kept in the models folder) and counts the
// model's load again (within ±50 % of the first, cold run: loading varies more with the disk cache and the
// machine's load). Extend Canvas shows its estimate too. Clicks and cancel during a generation are
// another test's concern.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWIN_PACKS } from '../../src-main/twins/catalog';
import { writeTwinPack } from '../../src-main/twins/write-twin';
import { launchChromium, startServe, type ServeProcess } from '../helpers/browser-host-process';
import { EditorPage } from './editor-page';

const [W, H] = [640, 200];
const BOX = { x0: 270, y0: 60, x1: 370, y1: 140 };
const TWIN_WIDTH = 0.1;

function render(): Buffer {
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++)
      out.set(
        x >= BOX.x0 && x < BOX.x1 && y >= BOX.y0 && y < BOX.y1 ? [40, 60, 200] : [80 + Math.floor(x / 8), 140, 70 + Math.floor(y / 4)],
        (y * W + x) * 3,
      );
  return out;
}

type Hook = { historySize(): number; generate(): { candidates: unknown[] | null } };
const hook = (p: Page) => ({
  history: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.historySize()),
  candidates: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.generate().candidates?.length ?? 0),
});

let dir: string;
let serve: ServeProcess | undefined;
let browser: Browser | undefined;

/** The host on this test's models folder, the photo open, the box selected with the wand, 1 candidate × 3 steps. */
async function openEditor(): Promise<Page> {
  serve = await startServe([], { ANYFILL_MODELS_DIR: path.join(dir, 'models'), ANYFILL_CACHE_DIR: path.join(dir, 'cache') });
  const page = await (await browser!.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 })).newPage();
  await page.goto(`${serve.url}?test=1`);
  await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
  const editor = new EditorPage(page);
  await editor.openBytesWithDialog(
    'wide.png',
    await sharp(render(), { raw: { width: W, height: H, channels: 3 } })
      .png()
      .toBuffer(),
  );
  await editor.waitForLayers(1);
  await editor.waitIdle();
  const rect = await editor.documentRect();
  await page.keyboard.press('w');
  const before = await hook(page).history();
  await page.mouse.click(rect.x + ((BOX.x0 + BOX.x1) / 2 / W) * rect.w, rect.y + ((BOX.y0 + BOX.y1) / 2 / H) * rect.h);
  await expect.poll(() => hook(page).history()).toBe(before + 1);
  await page.getByTestId('generate-advanced').click();
  await page.getByTestId('generate-variants').fill('1');
  await page.getByTestId('generate-steps').fill('3');
  await page.getByTestId('generate-prompt').fill('red');
  return page;
}

/** The estimate the panel shows (ms, calibrated) once it answers for the current settings. */
async function shownEstimate(page: Page, calibrated: boolean): Promise<{ ms: number; text: string }> {
  const line = page.getByTestId('generate-estimate');
  await expect.poll(() => line.getAttribute('data-calibrated').catch(() => null), { timeout: 60_000 }).toBe(String(calibrated));
  return { ms: Number(await line.getAttribute('data-ms')), text: await line.innerText() };
}

/** Generate, and the time from the click until the candidate is shown. */
async function generate(page: Page): Promise<number> {
  const started = Date.now();
  await page.getByTestId('generate-run').click();
  await expect.poll(() => hook(page).candidates(), { timeout: 300_000, interval: 100 }).toBe(1);
  const ms = Date.now() - started;
  await page.getByTestId('generate-discard').click();
  await expect.poll(() => hook(page).candidates()).toBe(0);
  return ms;
}

describe('the estimate before Generate, with a real-cost SD pack', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-estimate-'));
    const started = Date.now();
    await writeTwinPack(
      path.join(dir, 'models'),
      TWIN_PACKS.find((p) => p.packId === 'sd15-inpaint')!,
      TWIN_WIDTH,
    );
    console.log(`SD twins at ${TWIN_WIDTH} width written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is shown before Generate, rough at first; after one run within ±25 % of that run; a restart keeps it', async () => {
    let page = await openEditor();
    const rough = await shownEstimate(page, false);
    expect(rough.text).toMatch(/^About \d+ (s|min|h).* on this CPU \(rough/);
    const first = await generate(page);
    const next = await shownEstimate(page, true);
    expect(next.text).toMatch(/^About \d+ (s|min) on this CPU$/);
    // The calibrating run's own time, as the next estimate says it (less the load and the first calls' warm-up,
    // which the model being open now leaves out: 1.5–7.5 s of 9–32 s in the runs here).
    expect(Math.abs(next.ms - first)).toBeLessThanOrEqual(0.25 * first);
    const second = await generate(page);
    console.log(
      `estimate: rough ${rough.ms} ms; first run ${first} ms (loads the model); calibrated ${next.ms} ms; second run ${second} ms; load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    // The next run itself: within 2–5 % in three runs at a steady load, but this 2-core machine is shared by
    // many jobs and once got 2× faster between the two runs (load average 22 → 11: 9.5 s said, 5.7 s taken),
    // which no estimate from the run before can know; so here only the same order is asserted.
    expect(next.ms).toBeGreaterThan(0.5 * second);
    expect(next.ms).toBeLessThan(2 * second);

    // Restarted: still this machine's figures, now with the model's load again (it is not open).
    await page.context().close();
    await serve!.stop();
    page = await openEditor();
    const cold = await shownEstimate(page, true);
    console.log(`after a restart: ${cold.ms} ms`);
    expect(cold.ms).toBeGreaterThan(next.ms);
    expect(Math.abs(cold.ms - first)).toBeLessThanOrEqual(0.5 * first);

    // Extend Canvas says its estimate too (a size that has not run here: rough), before Extend is pressed.
    await page.getByTestId('menu-edit').click();
    await page.getByRole('menuitem', { name: /Extend Canvas/ }).click();
    await page.getByTestId('outpaint-right').fill('128');
    await expect
      .poll(
        () =>
          page
            .getByTestId('outpaint-estimate')
            .innerText()
            .catch(() => ''),
        { timeout: 60_000 },
      )
      .toMatch(/^About \d+ (s|min|h).* on this CPU \(rough/);
  }, 900_000);
});
