// Runs in: tests (node → Chromium). Files as cameras and other programs write them: an EXIF-rotated phone
// photo shows upright and exports upright, an animated GIF opens its first frame and says so, a BMP opens.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedImages } from '../helpers/browser-host-process';
import { buildBmp } from '../helpers/images';
import { compareShownWithSource, decodeRaw, meanAbsDiff } from '../helpers/pixels';
import { useEditor } from './fixture';
import { needsSharedImages } from '../helpers/shared-images';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-formats-'));
});

describe('formats', () => {
  const fx = useEditor();
  const openAndWait = async (file: string) => {
    await fx.editor.openWithDialog(file);
    await fx.page.waitForFunction(
      (name) =>
        (window as never as AnyfillTestWindow<{ document: { name: string } | null; busy: unknown }>).__anyfillTest.getState().document
          ?.name === name,
      path.basename(file),
    );
    await fx.editor.waitIdle();
  };

  it('shows a phone photo with EXIF orientation 6 upright and exports it upright', async (ctx) => {
    needsSharedImages(ctx);
    // Stored sideways (1200×1800 pixels rotated) with the tag that tells viewers to turn it back.
    const rotated = path.join(dir, 'phone.jpg');
    await sharp(path.join(sharedImages, 'truck.jpg')).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toFile(rotated);
    await openAndWait(rotated);
    const doc = (await fx.editor.state()).document!;
    expect([doc.width, doc.height]).toEqual([1800, 1200]);
    await fx.page.waitForTimeout(300);
    const rect = await fx.editor.documentRect();
    expect(
      await compareShownWithSource(await fx.page.screenshot(), { x: rect.x + 2, y: rect.y + 2, w: rect.w - 4, h: rect.h - 4 }, rotated),
    ).toBeLessThan(6);

    const download = fx.page.waitForEvent('download');
    await fx.page.getByTestId('export-button').click();
    const exported = await decodeRaw(await readFile(await (await download).path()));
    expect(meanAbsDiff(exported, await decodeRaw(rotated))).toBe(0); // decodeRaw applies the EXIF turn
  });

  it('opens the first frame of an animated GIF and tells the user', async () => {
    const frame = (rgb: [number, number, number]) => Buffer.alloc(64 * 64 * 4).fill(Buffer.from([...rgb, 255]));
    const gif = path.join(dir, 'blink.gif');
    await sharp(Buffer.concat([frame([0, 160, 0]), frame([200, 0, 0])]), { raw: { width: 64, height: 128, channels: 4, pageHeight: 64 } })
      .gif()
      .toFile(gif);
    await openAndWait(gif);
    expect((await fx.editor.state()).document).toMatchObject({ width: 64, height: 64 });
    await expect.poll(() => fx.editor.messages()).toContainEqual(expect.stringMatching(/first frame/i));
    expect(
      await fx.page
        .getByRole('status')
        .filter({ hasText: /first frame/i })
        .count(),
    ).toBeGreaterThan(0);
  });

  it('opens a 24-bit BMP, which the image library cannot read by itself', async () => {
    const bmp = path.join(dir, 'paint.bmp');
    await writeFile(bmp, buildBmp({ width: 40, height: 30, bpp: 24, value: (x) => (x < 20 ? 0x0000ff : 0xff0000) }));
    await openAndWait(bmp);
    expect((await fx.editor.state()).document).toMatchObject({ width: 40, height: 30 });
    expect(await fx.page.getByTestId('properties').innerText()).toMatch(/BMP/i);
  });
});
