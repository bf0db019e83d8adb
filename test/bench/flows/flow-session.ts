// Runs in: benchmark (node → Chromium). One browser host over the twins folder (--models DIR's layout) and
// one headless Chromium page with the probe installed, as a user would have it: hover preview off until
// its own measurement turns it on, a fresh embedding cache (so opening a photo computes its embedding).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startServe, type ServeProcess } from '../../helpers/browser-host-process';
import { EditorPage } from '../../e2e/editor-page';
import { installProbe, type Probe } from './page-probe';

export interface FlowSession {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  editor: EditorPage;
  probe: Probe;
  /** Process ids whose trees hold the app: the host first, then this benchmark (Chromium is its child). */
  roots: number[];
  errors: string[];
  close(): Promise<void>;
}

export async function openFlowSession(modelsDir: string): Promise<FlowSession> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'anyfill-bench-flows-'));
  const serve = await startServe([], { ANYFILL_MODELS_DIR: modelsDir, ANYFILL_CACHE_DIR: path.join(tmp, 'cache') });
  const browser = await launchChromium();
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript(() => localStorage.setItem('anyfill.hoverPreview', 'off'));
  const probe = await installProbe(page);
  await page.goto(`${serve.url}?test=1`);
  await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor({ timeout: 120_000 });
  return {
    serve,
    browser,
    page,
    editor: new EditorPage(page),
    probe,
    roots: [serve.child.pid!, process.pid],
    errors,
    async close() {
      await browser.close();
      await serve.stop();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/** File › Models…, "Use for Select" on the pack (unless it is in use already), then close the window. */
export async function useForSelect(s: FlowSession, packId: string): Promise<void> {
  const { page } = s;
  await page.getByTestId('menu-file').click();
  await page.locator('[data-command="models.open"]').click();
  await page.getByTestId('model-manager').waitFor();
  const card = page.locator(`[data-testid="model-pack"][data-pack-id="${packId}"]`);
  if ((await card.getByTestId('model-segment-in-use').count()) === 0) {
    await card.getByTestId('model-use-for-select').click();
    await card.getByTestId('model-segment-in-use').waitFor();
  }
  await page.keyboard.press('Escape');
  await page.getByTestId('model-manager').waitFor({ state: 'detached' });
}

/** Screen point (page pixels) of a document point given as fractions of its width and height. */
export async function docPoint(s: FlowSession, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const r = await s.editor.documentRect();
  return { x: r.x + r.w * fx, y: r.y + r.h * fy };
}

export const undoSteps = (s: FlowSession): Promise<number> =>
  s.page.evaluate(() => (window as unknown as { __anyfillTest: { historySize(): number } }).__anyfillTest.historySize());
