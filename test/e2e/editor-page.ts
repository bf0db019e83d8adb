// Runs in: tests (node). Page object for the editor in Chromium: what a user does, in test words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { EditorDocument } from '../../src-shared/document/types';
import { renderScene, type Scene } from '../../src-main/standins/sam/scenes';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

export interface TestState {
  document: EditorDocument | null;
  viewport: { scale: number; x: number; y: number };
  engine: { state: string; restarts: number; message?: string };
  historySize?: number;
}

export class EditorPage {
  constructor(readonly page: Page) {}

  state(): Promise<TestState> {
    return this.page.evaluate(() => (window as unknown as AnyfillTestWindow<TestState>).__anyfillTest.getState());
  }

  async openWithDialog(file: string): Promise<void> {
    await this.chooseWithDialog(file);
  }

  async openBytesWithDialog(name: string, bytes: Buffer): Promise<void> {
    await this.chooseWithDialog({ name, mimeType: 'application/octet-stream', buffer: bytes });
  }

  /**
   * Open… as a user does; when the editor first asks to save an edited document, answers Don't Save (these
   * tests' edits are throwaway; unsaved-work.test.ts asserts the question and each answer itself).
   */
  private async chooseWithDialog(files: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByTestId('open-button').click();
    const asked = this.page
      .getByTestId('unsaved-prompt')
      .waitFor()
      .then(
        () => 'asked' as const,
        () => 'never' as const,
      );
    if ((await Promise.race([chooser.then(() => 'chooser' as const), asked])) === 'asked')
      await this.page.getByTestId('unsaved-dont-save').click();
    await (await chooser).setFiles(files);
  }

  /** Open a synthetic scene as a PNG through the Open dialog and wait until it is shown and idle. */
  async openScene(scene: Scene): Promise<void> {
    const png = await sharp(Buffer.from(renderScene(scene)), { raw: { width: scene.width, height: scene.height, channels: 3 } })
      .png()
      .toBuffer();
    await this.openBytesWithDialog('scene.png', png);
    await this.waitForLayers(1);
    await this.waitIdle();
  }

  /** Drop a file on the canvas as the OS would: dragenter/dragover/drop with a DataTransfer holding it. */
  dropFile(file: string): Promise<void> {
    return this.sendFile('drop', file);
  }

  /** Paste an image file as Ctrl+V would deliver it. */
  pasteFile(file: string): Promise<void> {
    return this.sendFile('paste', file);
  }

  private async sendFile(how: 'drop' | 'paste', file: string): Promise<void> {
    const b64 = readFileSync(file).toString('base64');
    await this.page.evaluate(
      ({ b64, name, how }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type: 'image/jpeg' }));
        if (how === 'paste') {
          document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
          return;
        }
        const target = document.querySelector('[data-testid="canvas-container"]') ?? document.body;
        for (const type of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
        }
      },
      { b64, name: path.basename(file), how },
    );
  }

  async waitForLayers(count: number): Promise<void> {
    await this.page
      .getByTestId('layer-item')
      .nth(count - 1)
      .waitFor();
    await this.page.waitForFunction((n) => {
      const s = (window as unknown as AnyfillTestWindow<TestState>).__anyfillTest.getState();
      return (s.document?.layers.length ?? 0) === n;
    }, count);
  }

  async waitIdle(): Promise<void> {
    await this.page.getByTestId('busy').waitFor({ state: 'hidden' });
  }

  /** Screen rectangle (page pixels) of the document, from the test hook's image→screen mapping. */
  async documentRect(): Promise<{ x: number; y: number; w: number; h: number }> {
    return this.page.evaluate(() => {
      const t = (window as unknown as AnyfillTestWindow<TestState>).__anyfillTest;
      const doc = t.getState().document!;
      const box = document.querySelector('[data-testid="canvas-container"]')!.getBoundingClientRect();
      const a = t.imageToScreen(0, 0);
      const b = t.imageToScreen(doc.width, doc.height);
      return { x: box.left + a.x, y: box.top + a.y, w: b.x - a.x, h: b.y - a.y };
    });
  }

  messages(): Promise<string[]> {
    return this.page.getByTestId('message').allInnerTexts();
  }
}
