// Runs in: tests (node → Chromium). An autosave whose engine dies after the copy is renamed into place
// (issue 15 item 8): the engine is stopped (SIGSTOP) the moment the copy appears, while it still reads the
// copy back, so the host's watchdog kills it and the request answers ENGINE_CRASHED. The page then finds
// the copy listed and counts the autosave as done instead of treating the saved copy as failed, and says
// that the engine restarted because it stopped answering.
import { watch } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectClient } from '../helpers/engine-client';
import { launchChromium, startServe, type ServeProcess } from '../helpers/browser-host-process';
import { EditorPage } from './editor-page';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

type Hook = AnyfillTestHook<{ document: { id: string } | null; messages: Array<{ kind: string; text: string }> }>;
const hookOf = (p: Page) => ({
  state: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState()),
  autosaves: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.project().autosaves),
});

let serve: ServeProcess;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  serve = await startServe([], { ANYFILL_ENGINE_TIMEOUT_MS: '1500' });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${serve.url}?test=1`);
  await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

it('counts an autosave as done when the engine died after writing the copy', async () => {
  const editor = new EditorPage(page);
  // Noise: a large copy, so reading it back after the rename takes long enough to stop the engine there.
  const noise = Buffer.alloc(3000 * 2000 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  await editor.openBytesWithDialog(
    'noise.png',
    await sharp(noise, { raw: { width: 3000, height: 2000, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer(),
  );
  await editor.waitForLayers(1);
  await editor.waitIdle();
  const h = hookOf(page);
  const documentId = (await h.state()).document!.id;
  const client = await connectClient(serve.url);
  const pid = (await client.invoke('app.info', {})).engine.pid;
  client.close();

  let stopped = false;
  const watcher = watch(serve.recoveryDir, (_event, name) => {
    if (stopped || name !== `${documentId}.anyfill`) return;
    stopped = true;
    process.kill(pid, 'SIGSTOP');
  });
  try {
    const before = await h.autosaves();
    await page.getByTestId('layer-item').first().getByTestId('layer-visibility').click();
    await expect.poll(() => stopped, { timeout: 30_000 }).toBe(true);
    await expect.poll(h.autosaves, { timeout: 30_000 }).toBe(before + 1);
  } finally {
    watcher.close();
  }
  // The page says why the engine restarted.
  await expect
    .poll(async () => (await h.state()).messages.map((m) => m.text).join('\n'), { timeout: 20_000 })
    .toMatch(/Engine restarted after it stopped answering/);
  const again = await connectClient(serve.url);
  expect((await again.invoke('app.info', {})).engine.pid).not.toBe(pid); // it really died mid-request
  again.close();
}, 120_000);
