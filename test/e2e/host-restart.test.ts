// Runs in: tests (node → Chromium). The browser host itself restarts (stopped and started again on its
// port, as after Ctrl+C or a crash) while the page stays open: the new host has a new, empty session
// folder. The editor reattaches the document from its recovery copy under the same ids, so it exports and
// autosaves as before; when the copy lacks something, it says so at once and offers Restore.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServeProcess } from '../helpers/browser-host-process';
import { useEditor } from './fixture';
import { hideTopLayer, projectHook, scenePng, waitForRecoveryCopy } from './project-hook';

describe('browser host restart', () => {
  const fx = useEditor({ models: 'none' });
  let dir = '';
  let red = '',
    green = '';
  let host: ServeProcess | null = null;
  const t = () => projectHook(fx.page);
  const detached = () => fx.page.getByTestId('detached-prompt');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-host-restart-'));
    [red, green] = await Promise.all([scenePng(dir, 'red.png', [200, 40, 40]), scenePng(dir, 'green.png', [40, 180, 60], 160, 100)]);
  });
  afterAll(async () => {
    await host?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const exportPng = async () => {
    const download = fx.page.waitForEvent('download');
    await fx.page.getByTestId('export-button').click();
    return readFile(await (await download).path());
  };
  /** Stop whichever host serves the page and start a new one on the same port and recovery folder. */
  const restartHost = async () => {
    const current = host ?? fx.serve;
    const port = new URL(current.url).port;
    const exited = new Promise((resolve) => current.child.once('exit', resolve));
    current.child.kill('SIGTERM');
    await exited;
    await expect.poll(() => fx.page.getByTestId('engine-state').innerText()).toMatch(/connection|reconnect/i);
    host = await startServe(['--port', port], { ANYFILL_RECOVERY_DIR: fx.serve.recoveryDir, ANYFILL_MODELS_DIR: fx.modelsDir });
    await fx.page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor({ timeout: 30_000 });
  };

  it('an edited, autosaved document still exports the same pixels and autosaves after the host restarts', async () => {
    await fx.editor.openWithDialog(red);
    await fx.editor.waitForLayers(1);
    await fx.editor.pasteFile(green); // a second layer: an asset of its own
    await fx.editor.waitForLayers(2);
    await fx.editor.waitIdle();
    await waitForRecoveryCopy(fx.page);
    const before = await exportPng();
    const doc = JSON.stringify(await t().document());

    await restartHost();
    // Reattached: same document, nothing to restore, and the export needs every full-resolution pixel.
    await expect.poll(async () => Buffer.compare(await exportPng(), before), { timeout: 15_000 }).toBe(0);
    expect(JSON.stringify(await t().document())).toBe(doc);
    expect(await detached().count()).toBe(0);

    const autosaves = (await t().project()).autosaves;
    await hideTopLayer(fx.page);
    await expect.poll(async () => (await t().project()).autosaves, { timeout: 15_000 }).toBe(autosaves + 1);
    expect(await fx.page.getByTestId('autosave-status').count()).toBe(0);
    expect(fx.pageErrors).toEqual([]);
  });

  it('a layer added after the last autosave cannot come back: it says so at once and Restore opens the copy', async () => {
    const copy = await exportPng(); // what the last autosave holds (the green layer hidden)
    await fx.editor.pasteFile(green);
    await fx.editor.waitForLayers(3);
    await restartHost(); // within the 3 s before the next autosave
    await expect
      .poll(() => detached().innerText(), { timeout: 15_000 })
      .toMatch(/no longer has the images of “red\.png”.*Restore brings back its last autosaved copy/s);
    await detached().getByTestId('detached-restore').click();
    await fx.editor.waitForLayers(2);
    await fx.editor.waitIdle();
    await expect.poll(() => detached().count()).toBe(0);
    expect(Buffer.compare(await exportPng(), copy)).toBe(0);
  });

  it('a document with no recovery copy says at once that it must be opened again; autosave failures are shown', async () => {
    const chooser = fx.page.waitForEvent('filechooser');
    await fx.page.getByTestId('open-button').click();
    await fx.page.getByTestId('unsaved-dont-save').click(); // the restored document was never saved
    await (await chooser).setFiles(green);
    await expect.poll(async () => (await t().document())?.name).toBe('green.png');
    await restartHost();
    await expect.poll(() => detached().innerText(), { timeout: 15_000 }).toMatch(/Nothing unsaved was lost: open the file again/);
    expect(await detached().getByTestId('detached-restore').count()).toBe(0);
    // An edit to it cannot be autosaved (its pixels are gone): the status bar says so, not only the console.
    await hideTopLayer(fx.page);
    await expect.poll(() => fx.page.getByTestId('autosave-status').innerText(), { timeout: 15_000 }).toMatch(/Autosave failed/);
    await detached().getByTestId('detached-close').click(); // no Save question: Save cannot work any more
    await expect.poll(() => t().document()).toBeNull();
  });
});
