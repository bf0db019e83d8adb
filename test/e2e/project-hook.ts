// Runs in: tests (node → Chromium). The test hook's project reads (autosaves, unsaved state, recovery
// copies), small PNG scenes written to disk for the open dialog and drops, and one edit that counts as
// unsaved work (hiding a layer by its eye button, as a user would).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

type Hook = AnyfillTestHook<{ document: { id: string; name: string; layers: Array<{ id: string; visible: boolean }> } | null }>;
const hook = (p: Page) => ({
  project: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.project()),
  recoverable: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.recoverable()),
  document: () => p.evaluate(() => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.getState().document),
});
export const projectHook = hook;

/** A width × height PNG: a colour with a darker square, so every scene looks different. */
export async function scenePng(dir: string, name: string, rgb: [number, number, number], width = 320, height = 200): Promise<string> {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const [x, y] = [i % width, Math.floor(i / width)];
    const inSquare = x > width / 4 && x < width / 2 && y > height / 4 && y < height / 2;
    data.set(inSquare ? rgb.map((c) => c >> 1) : rgb, i * 3);
  }
  const file = path.join(dir, name);
  await writeFile(
    file,
    await sharp(data, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer(),
  );
  return file;
}

/** Hide the top layer with its eye button: one undo step, so the document has unsaved work. */
export async function hideTopLayer(page: Page): Promise<void> {
  const before = await hook(page).document();
  await page.getByTestId('layer-item').first().getByTestId('layer-visibility').click();
  await expect.poll(async () => JSON.stringify(await hook(page).document())).not.toBe(JSON.stringify(before));
  await expect.poll(async () => (await hook(page).project()).dirty).toBe(true);
}

/** Wait until autosave has written a recovery copy of the open document. */
export async function waitForRecoveryCopy(page: Page): Promise<string> {
  const id = (await hook(page).document())!.id;
  await expect.poll(async () => (await hook(page).recoverable()).map((r) => r.documentId), { timeout: 15_000 }).toContain(id);
  return id;
}
