// Runs in: tests (node). One browser host + one Chromium page per test file, torn down afterwards.
// With `models`, the host gets its own models and cache folders: empty ('none', the first-run case) or
// holding the stand-in packs the predicate picks.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { writeStandins } from '../../src-main/standins/index';
import { launchChromium, startServe, type ServeProcess } from '../helpers/browser-host-process';
import { EditorPage } from './editor-page';

export interface EditorFixture {
  serve: ServeProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  editor: EditorPage;
  pageErrors: string[];
  /** The host's models folder when `models` was given. */
  modelsDir: string;
}

export interface EditorOptions {
  viewport?: { width: number; height: number };
  models?: 'none' | ((packId: string) => boolean);
  /** Listeners that must exist before the page loads (its WebSocket opens with it). */
  beforeLoad?: (page: Page) => void;
}

export function useEditor(opts: EditorOptions = {}): EditorFixture {
  const viewport = opts.viewport ?? { width: 1280, height: 800 };
  const fx = { pageErrors: [] as string[] } as EditorFixture;
  let dir = '';
  beforeAll(async () => {
    let env: NodeJS.ProcessEnv = {};
    if (opts.models) {
      dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-e2e-'));
      fx.modelsDir = path.join(dir, 'models');
      if (opts.models !== 'none') await writeStandins(fx.modelsDir, opts.models);
      env = { ANYFILL_MODELS_DIR: fx.modelsDir, ANYFILL_CACHE_DIR: path.join(dir, 'cache') };
    }
    fx.serve = await startServe([], env);
    fx.browser = await launchChromium();
    fx.context = await fx.browser.newContext({ viewport, acceptDownloads: true, deviceScaleFactor: 1 });
    fx.page = await fx.context.newPage();
    fx.page.on('pageerror', (e) => fx.pageErrors.push(e.message));
    opts.beforeLoad?.(fx.page);
    await fx.page.goto(`${fx.serve.url}?test=1`);
    await fx.page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
    fx.editor = new EditorPage(fx.page);
  }, 60_000);
  afterAll(async () => {
    await fx.browser?.close();
    await fx.serve?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return fx;
}
