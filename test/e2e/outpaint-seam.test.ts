// Runs in: tests (node → Chromium). The outpaint seam check on a flat colour (issue 16 #7), through the
// browser host with the SD stand-in (it drives the repainted latents to the colour the prompt names):
// a flat yellow photo extended right by 168 px with "yellow" runs two overlapping windows (504 px wide, so
// a latent cell straddles the photo's edge), and the exported
// composite has no column (or row) that departs from its neighbours by more than a few levels — before,
// a stripe about 12 px wide (206,206,49)…(226,226,29) sat between yellow on both sides.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStandins } from '../../src-main/standins/index';
import { launchChromium, startServe, type ServeProcess } from '../helpers/browser-host-process';
import { EditorPage } from './editor-page';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

const [W, H] = [480, 320];
const YELLOW = [255, 255, 0];

/** File › Export (the composite PNG) as RGB. */
async function exportComposite(page: Page): Promise<{ data: Buffer; width: number; height: number }> {
  const download = page.waitForEvent('download');
  await page.getByTestId('export-button').click();
  const { data, info } = await sharp(await readFile((await (await download).path())!))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('Extend Canvas on a flat colour', () => {
  let dir = '';
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-seam-'));
    await writeStandins(path.join(dir, 'models'), (id) => id === 'sd15-inpaint');
    serve = await startServe([], { ANYFILL_MODELS_DIR: path.join(dir, 'models'), ANYFILL_CACHE_DIR: path.join(dir, 'cache') });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${serve.url}?test=1`);
    await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
    const editor = new EditorPage(page);
    const flat = Buffer.alloc(W * H * 3);
    for (let i = 0; i < W * H; i++) flat.set(YELLOW, i * 3);
    await editor.openBytesWithDialog(
      'yellow.png',
      await sharp(flat, { raw: { width: W, height: H, channels: 3 } })
        .png()
        .toBuffer(),
    );
    await editor.waitForLayers(1);
    await editor.waitIdle();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('right +168 with "yellow": no stripe at the edge or where the windows overlap', async () => {
    await page.getByTestId('menu-edit').click();
    await page.getByRole('menuitem', { name: /Extend Canvas/ }).click();
    await expect.poll(() => page.getByTestId('outpaint-dialog').isVisible()).toBe(true);
    await page.getByTestId('outpaint-right').fill('168');
    await page.getByTestId('outpaint-prompt').fill('yellow');
    await page.getByTestId('outpaint-run').click();
    await expect
      .poll(
        () =>
          page.evaluate(
            () => (window as unknown as AnyfillTestWindow<{ document: { width: number } }>).__anyfillTest.getState().document.width,
          ),
        { timeout: 180_000 },
      )
      .toBe(W + 168);
    await expect.poll(() => page.getByTestId('jobs-bar').count()).toBe(0);

    const out = await exportComposite(page);
    expect([out.width, out.height]).toEqual([W + 168, H]);
    let worst = { step: 0, x: -1, y: -1 };
    const at = (x: number, y: number, c: number) => out.data[(y * out.width + x) * 3 + c]!;
    for (let y = 0; y < out.height; y++)
      for (let x = 0; x < out.width; x++)
        for (let c = 0; c < 3; c++) {
          const step = Math.max(
            x + 1 < out.width ? Math.abs(at(x + 1, y, c) - at(x, y, c)) : 0,
            y + 1 < out.height ? Math.abs(at(x, y + 1, c) - at(x, y, c)) : 0,
          );
          if (step > worst.step) worst = { step, x, y };
        }
    expect(worst.step, `largest step at ${worst.x},${worst.y}`).toBeLessThanOrEqual(3);
    expect(errors).toEqual([]);
  });
});
