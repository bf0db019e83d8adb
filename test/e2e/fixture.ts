// Runs in: tests (node). One browser host + one Chromium page per test file, torn down afterwards.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, startServe, type ServeProcess } from '../helpers/browser-host-process';
import { EditorPage } from './editor-page';

export interface EditorFixture {
  serve: ServeProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  editor: EditorPage;
  pageErrors: string[];
}

export function useEditor(viewport = { width: 1280, height: 800 }): EditorFixture {
  const fx = { pageErrors: [] as string[] } as EditorFixture;
  beforeAll(async () => {
    fx.serve = await startServe();
    fx.browser = await launchChromium();
    fx.context = await fx.browser.newContext({ viewport, acceptDownloads: true, deviceScaleFactor: 1 });
    fx.page = await fx.context.newPage();
    fx.page.on('pageerror', (e) => fx.pageErrors.push(e.message));
    await fx.page.goto(`${fx.serve.url}?test=1`);
    await fx.page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
    fx.editor = new EditorPage(fx.page);
  });
  afterAll(async () => {
    await fx.browser?.close();
    await fx.serve?.stop();
  });
  return fx;
}
