// Runs in: tests (node → Chromium). Every bad file gets one clear message and changes nothing; the engine
// keeps serving afterwards.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { badImages } from '../helpers/bad-images';
import { sharedImages } from '../helpers/browser-host-process';
import { useEditor } from './fixture';
import { needsSharedImages } from '../helpers/shared-images';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

describe('bad input', () => {
  const fx = useEditor();

  it('refuses each bad file with its own message and leaves the open photo exactly as it was', async (ctx) => {
    needsSharedImages(ctx);
    await fx.editor.openWithDialog(path.join(sharedImages, 'dog.jpg'));
    await fx.editor.waitForLayers(1);
    await fx.editor.waitIdle();
    const before = JSON.stringify((await fx.editor.state()).document);

    for (const bad of badImages(sharedImages)) {
      const count = (await fx.editor.messages()).length;
      await fx.editor.openBytesWithDialog(bad.name, bad.bytes);
      await expect.poll(async () => (await fx.editor.messages()).length, { message: bad.name }).toBeGreaterThan(count);
      const shown = (await fx.editor.messages()).at(-1)!;
      expect(shown, bad.name).toMatch(bad.message);
      expect(shown, 'the message names the file').toContain(bad.name);
      await fx.editor.waitIdle();
      expect(JSON.stringify((await fx.editor.state()).document), bad.name).toBe(before);
    }
    // Errors are alerts, so screen readers announce them.
    expect(await fx.page.getByRole('alert').count()).toBeGreaterThan(0);

    // The engine is still serving: a good file opens after all of that.
    await fx.editor.openWithDialog(path.join(sharedImages, 'groceries.jpg'));
    await fx.page.waitForFunction(
      () =>
        (window as never as AnyfillTestWindow<{ document: { name: string } | null }>).__anyfillTest.getState().document?.name ===
        'groceries.jpg',
    );
    expect(fx.pageErrors).toEqual([]);
  });
});
