// Runs in: tests (node → Chromium). A user opens a real photo, sees its pixels, zooms and pans, and
// exports a PNG whose pixels equal the photo's.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedImages } from '../helpers/browser-host-process';
import { compareShownWithSource, decodeRaw, meanAbsDiff } from '../helpers/pixels';
import { useEditor } from './fixture';
import { needsSharedImages } from '../helpers/shared-images';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

const truck = path.join(sharedImages, 'truck.jpg');
const dog = path.join(sharedImages, 'dog.jpg');

describe('open, view, export', () => {
  const fx = useEditor();

  it('opens truck.jpg by the open dialog and shows its pixels on the canvas', async (ctx) => {
    needsSharedImages(ctx);
    await fx.editor.openWithDialog(truck);
    await fx.editor.waitForLayers(1);
    await fx.editor.waitIdle();
    const state = await fx.editor.state();
    expect(state.document).toMatchObject({ width: 1800, height: 1200, name: 'truck.jpg' });
    await expect.poll(() => fx.page.getByTestId('image-size').innerText()).toMatch(/1800\s*×\s*1200/);
    // What the user sees inside the document rectangle is the photo, at the shown scale.
    await fx.page.waitForTimeout(300);
    const rect = await fx.editor.documentRect();
    expect(rect.w).toBeGreaterThan(600);
    expect(rect.w / rect.h).toBeCloseTo(1.5, 1);
    const shot = await fx.page.screenshot();
    const diff = await compareShownWithSource(shot, inset(rect, 2), truck);
    expect(diff).toBeLessThan(6);
    // The comparison can fail: the same screen against the mirrored photo is far off.
    expect(await compareShownWithSource(shot, inset(rect, 2), truck, (img) => img.flop())).toBeGreaterThan(3 * diff + 10);
    expect(fx.pageErrors).toEqual([]);
  });

  it('zooms to 100% and about the cursor with the wheel, and pans with space-drag and middle-drag', async (ctx) => {
    needsSharedImages(ctx);
    await fx.page.getByTestId('zoom-100-button').click();
    await expect.poll(() => fx.page.getByTestId('zoom').innerText()).toMatch(/^100\s*%$/);
    await fx.page.getByTestId('zoom-fit-button').click();
    const box = (await fx.page.getByTestId('canvas-container').boundingBox())!;
    const cursor = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.4 };
    const toImage = (p: { x: number; y: number }) =>
      fx.page.evaluate(([x, y]) => (window as never as AnyfillTestWindow).__anyfillTest.screenToImage(x!, y!), [p.x - box.x, p.y - box.y]);
    const before = await toImage(cursor);
    const scale0 = (await fx.editor.state()).viewport.scale;
    await fx.page.mouse.move(cursor.x, cursor.y);
    await fx.page.mouse.wheel(0, -300);
    await expect.poll(async () => (await fx.editor.state()).viewport.scale).toBeGreaterThan(scale0 * 1.2);
    const after = await toImage(cursor);
    expect(Math.abs(after.x - before.x)).toBeLessThan(2);
    expect(Math.abs(after.y - before.y)).toBeLessThan(2);

    const v0 = (await fx.editor.state()).viewport;
    await fx.page.keyboard.down('Space');
    await fx.page.mouse.down();
    await fx.page.mouse.move(cursor.x + 120, cursor.y + 50, { steps: 5 });
    await fx.page.mouse.up();
    await fx.page.keyboard.up('Space');
    const v1 = (await fx.editor.state()).viewport;
    expect(v1.x - v0.x).toBeCloseTo(120, 0);
    expect(v1.y - v0.y).toBeCloseTo(50, 0);

    await fx.page.mouse.down({ button: 'middle' });
    await fx.page.mouse.move(cursor.x + 60, cursor.y + 80, { steps: 5 });
    await fx.page.mouse.up({ button: 'middle' });
    const v2 = (await fx.editor.state()).viewport;
    expect(v2.x - v1.x).toBeCloseTo(-60, 0);
    expect(v2.y - v1.y).toBeCloseTo(30, 0);
    expect(v2.scale).toBe(v1.scale);
  });

  it('exports the composite as a PNG equal to the photo, pixel for pixel', async (ctx) => {
    needsSharedImages(ctx);
    const download = fx.page.waitForEvent('download');
    await fx.page.getByTestId('export-button').click();
    const file = await (await download).path();
    const exported = await decodeRaw(await readFile(file));
    const source = await decodeRaw(truck);
    expect([exported.width, exported.height]).toEqual([1800, 1200]);
    expect(meanAbsDiff(exported, source)).toBe(0);
  });

  it('drops a second photo as a new document and pastes a third as a layer; undo/redo restore each step', async (ctx) => {
    needsSharedImages(ctx);
    await fx.editor.dropFile(dog);
    await fx.page.waitForFunction(
      () =>
        (window as never as AnyfillTestWindow<{ document: { name: string } | null }>).__anyfillTest.getState().document?.name === 'dog.jpg',
    );
    await fx.editor.waitForLayers(1);
    await fx.editor.pasteFile(truck);
    await fx.editor.waitForLayers(2);
    const layers = (await fx.editor.state()).document!.layers;
    expect(layers.map((l) => l.name)).toEqual(['dog.jpg', 'truck.jpg']);

    await fx.page.getByTestId('layer-visibility').nth(0).click(); // rows list top layer first or last; either toggles one layer
    await expect.poll(async () => (await fx.editor.state()).document!.layers.filter((l) => !l.visible).length).toBe(1);
    await fx.page.keyboard.press('Control+z');
    await expect.poll(async () => (await fx.editor.state()).document!.layers.filter((l) => !l.visible).length).toBe(0);
    await fx.page.getByTestId('undo-button').click(); // undo the paste
    await fx.editor.waitForLayers(1);
    await fx.page.getByTestId('redo-button').click();
    await fx.editor.waitForLayers(2);
    await fx.page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await fx.editor.state()).document!.layers.filter((l) => !l.visible).length).toBe(1);
  });
});

function inset(r: { x: number; y: number; w: number; h: number }, by: number) {
  return { x: r.x + by, y: r.y + by, w: r.w - 2 * by, h: r.h - 2 * by };
}
