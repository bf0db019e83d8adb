// Runs in: tests (node → Chromium). Killing the engine mid-session: the UI says so, the engine comes back,
// the open document is untouched and the user keeps working (export reloads pixels from the session).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedImages } from '../helpers/browser-host-process';
import { connectClient } from '../helpers/engine-client';
import { decodeRaw, meanAbsDiff } from '../helpers/pixels';
import { useEditor } from './fixture';
import { needsSharedImages } from '../helpers/shared-images';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

describe('engine crash', () => {
  const fx = useEditor();

  it('restarts a killed engine and keeps the document working', async (ctx) => {
    needsSharedImages(ctx);
    const street = path.join(sharedImages, 'street.jpg');
    await fx.editor.openWithDialog(street);
    await fx.editor.waitForLayers(1);
    await fx.editor.waitIdle();
    const before = JSON.stringify((await fx.editor.state()).document);

    const client = await connectClient(fx.serve.url);
    const { engine } = await client.invoke('app.info', {});
    process.kill(engine.pid, 'SIGKILL');

    await expect.poll(() => fx.page.getByTestId('engine-state').innerText(), { timeout: 15_000 }).toMatch(/restart/i);
    await expect.poll(async () => (await fx.editor.state()).engine.state, { timeout: 15_000 }).toBe('ready');
    const after = await client.invoke('app.info', {});
    expect(after.engine.pid).not.toBe(engine.pid);
    client.close();
    expect(JSON.stringify((await fx.editor.state()).document)).toBe(before);

    // Keep working: the export needs the full-resolution pixels, which the new engine reloads.
    const download = fx.page.waitForEvent('download');
    await fx.page.getByTestId('export-button').click();
    const exported = await decodeRaw(await readFile(await (await download).path()));
    expect(meanAbsDiff(exported, await decodeRaw(street))).toBe(0);

    await fx.editor.openWithDialog(path.join(sharedImages, 'dog.jpg'));
    await fx.page.waitForFunction(
      () =>
        (window as never as AnyfillTestWindow<{ document: { name: string } | null }>).__anyfillTest.getState().document?.name === 'dog.jpg',
    );
    expect(fx.pageErrors).toEqual([]);
  });
});
