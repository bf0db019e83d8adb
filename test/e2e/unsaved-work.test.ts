// Runs in: tests (node → Chromium). Never lose work: an edited document is not replaced or closed without
// Save / Don't Save / Cancel; Cancel leaves everything as it was, Don't Save drops its recovery copy once the
// new document is open, Save downloads the project first. A clean document is replaced without a question.
// The page's unload guard holds a closing tab only while there is unsaved work.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEditor } from './fixture';
import { hideTopLayer, projectHook, scenePng, waitForRecoveryCopy } from './project-hook';

describe('unsaved work', () => {
  const fx = useEditor({ models: 'none' });
  let dir = '';
  let red = '',
    green = '',
    blue = '';
  const t = () => projectHook(fx.page);
  const docName = async () => (await t().document())?.name;
  const prompt = () => fx.page.getByTestId('unsaved-prompt');
  let choosers = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-unsaved-'));
    [red, green, blue] = await Promise.all([
      scenePng(dir, 'red.png', [200, 40, 40]),
      scenePng(dir, 'green.png', [40, 180, 60]),
      scenePng(dir, 'blue.png', [40, 60, 200]),
    ]);
    fx.page.on('filechooser', () => void choosers++);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('replaces a document without unsaved work at once', async () => {
    await fx.editor.openWithDialog(red);
    await expect.poll(docName).toBe('red.png');
    await fx.editor.openWithDialog(green);
    await expect.poll(docName).toBe('green.png');
    expect(await prompt().count()).toBe(0);
  });

  it('Cancel leaves the edited document, its history and its recovery copy as they were; no file dialog opens', async () => {
    await hideTopLayer(fx.page);
    const id = await waitForRecoveryCopy(fx.page);
    const before = JSON.stringify(await t().document());
    const seen = choosers;
    await fx.page.getByTestId('open-button').click();
    await expect.poll(() => prompt().innerText()).toMatch(/Save changes to “green\.png” before opening another file\?/);
    await fx.page.getByTestId('unsaved-cancel').click();
    await expect.poll(() => prompt().count()).toBe(0);
    expect(choosers).toBe(seen);
    expect(JSON.stringify(await t().document())).toBe(before);
    expect((await t().project()).dirty).toBe(true);
    expect((await t().recoverable()).map((r) => r.documentId)).toEqual([id]);
    expect(await fx.page.title()).toBe('• green.png — Anyfill');
  });

  it("Don't Save on a dropped file opens it and only then deletes the old recovery copy", async () => {
    await fx.editor.dropFile(blue);
    await expect.poll(() => prompt().innerText()).toMatch(/Save changes to “green\.png” before opening blue\.png\?/);
    expect(await docName()).toBe('green.png'); // nothing replaced while the question is open
    await fx.page.getByTestId('unsaved-dont-save').click();
    await expect.poll(docName).toBe('blue.png');
    await expect.poll(() => t().recoverable()).toEqual([]);
  });

  it('Save downloads the project first, then goes on with Open', async () => {
    await hideTopLayer(fx.page);
    await waitForRecoveryCopy(fx.page);
    const download = fx.page.waitForEvent('download');
    const chooser = fx.page.waitForEvent('filechooser');
    await fx.page.keyboard.press('Control+o');
    await prompt().waitFor();
    await fx.page.getByTestId('unsaved-save').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('blue.anyfill');
    expect((await stat(await file.path())).size).toBeGreaterThan(100);
    await (await chooser).setFiles(red);
    await expect.poll(docName).toBe('red.png');
    await expect.poll(() => t().recoverable()).toEqual([]); // saved: no copy left behind
  });

  it('Close Document asks too; Cancel keeps it, Don’t Save closes it', async () => {
    await hideTopLayer(fx.page);
    const closeDocument = async () => {
      await fx.page.getByTestId('menu-file').click();
      await fx.page.locator('[data-command="file.close"]').click();
      await expect.poll(() => prompt().innerText()).toMatch(/Save changes to “red\.png” before closing it\?/);
    };
    await closeDocument();
    await fx.page.keyboard.press('Escape'); // Esc is Cancel
    await expect.poll(() => prompt().count()).toBe(0);
    expect(await docName()).toBe('red.png');
    await closeDocument();
    await fx.page.getByTestId('unsaved-dont-save').click();
    await expect.poll(docName).toBeUndefined();
    expect(fx.pageErrors).toEqual([]);
  });

  it('the unload guard holds a closing tab with unsaved work, and not a clean one', async () => {
    const open = async () => {
      const page = await fx.context.newPage();
      await page.goto(`${fx.serve.url}?test=1`);
      await page.getByTestId('engine-state').filter({ hasText: /ready/i }).waitFor();
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('open-button').click();
      await (await chooser).setFiles(green);
      await expect
        .poll(() =>
          projectHook(page)
            .document()
            .then((d) => d?.name),
        )
        .toBe('green.png');
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.type());
        void d.dismiss(); // "Stay on page"
      });
      return { page, dialogs };
    };
    const clean = await open();
    const closed = new Promise((resolve) => clean.page.once('close', resolve));
    await clean.page.close({ runBeforeUnload: true });
    await closed;
    expect(clean.dialogs).toEqual([]);

    const edited = await open();
    await hideTopLayer(edited.page);
    await edited.page.close({ runBeforeUnload: true });
    await expect.poll(() => edited.dialogs).toEqual(['beforeunload']);
    expect(edited.page.isClosed()).toBe(false); // stayed: the edit is still there
    expect((await projectHook(edited.page).project()).dirty).toBe(true);
    await edited.page.close();
  });
});
