// Runs in: tests (node → Chromium). Select by text with the Grounding DINO stand-in laid out like
// onnx-community's export: its graph works only at the 800×800 its preprocessor_config.json names
// (size {height, width}), so a photo must be stretched to that, never resized by the 800/1333 rule. On a
// wide and on a tall photo, "red. green" gives both objects, and each accepted selection (MobileSAM on
// the box) and each box lands on its own shape.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLUE, type Scene } from '../../src-main/standins/sam/scenes';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';
import { iou, sceneAt } from './scene-masks';
import type { AnyfillTestHook } from '../../src-renderer/test-hook';

const WIDE: Scene = {
  width: 480,
  height: 200,
  background: BLUE,
  shapes: [
    { kind: 'rect', rgb: [255, 0, 0], x0: 300, y0: 50, x1: 420, y1: 150 },
    { kind: 'disc', rgb: [0, 255, 0], cx: 100, cy: 100, r: 60 },
  ],
};
const TALL: Scene = {
  width: 200,
  height: 480,
  background: BLUE,
  shapes: [
    { kind: 'rect', rgb: [255, 0, 0], x0: 40, y0: 300, x1: 160, y1: 420 },
    { kind: 'disc', rgb: [0, 255, 0], cx: 100, cy: 120, r: 60 },
  ],
};

type Box = { x0: number; y0: number; x1: number; y1: number };
interface State {
  document: { layers: Array<{ id: string; kind: string; name: string; prompt: { box?: Box; detection?: { label: string } } }> } | null;
}
type Hook = AnyfillTestHook;

/** Each shape's bounding box, by the label its detection gets. */
function shapeBoxes(scene: Scene): Record<string, Box> {
  const [rect, disc] = scene.shapes as [
    Extract<Scene['shapes'][number], { kind: 'rect' }>,
    Extract<Scene['shapes'][number], { kind: 'disc' }>,
  ];
  return {
    red: { x0: rect.x0, y0: rect.y0, x1: rect.x1, y1: rect.y1 },
    green: { x0: disc.cx - disc.r, y0: disc.cy - disc.r, x1: disc.cx + disc.r, y1: disc.cy + disc.r },
  };
}

function boxIoU(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const iy = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const area = (r: Box) => (r.x1 - r.x0) * (r.y1 - r.y0);
  return (ix * iy) / (area(a) + area(b) - ix * iy);
}

describe('select by text with the square-only Grounding DINO export', () => {
  const fx = useEditor({ viewport: { width: 1280, height: 860 }, models: (id) => id === 'gdino-tiny' || id === 'mobilesam' });
  let page: Page;
  let editor: EditorPage;
  const state = () => editor.state() as unknown as Promise<State>;
  const selections = async () => ((await state()).document?.layers ?? []).filter((l) => l.kind === 'selection');

  beforeAll(() => {
    ({ page, editor } = fx);
  });

  it.each([
    ['wide', WIDE],
    ['tall', TALL],
  ] as const)('on a %s photo, "red. green" selects the square and the disc', async (_name, scene) => {
    await editor.openScene(scene);
    const { W, H, truth } = sceneAt(scene, 1);
    const truths: Record<string, Uint8Array> = { red: truth(0), green: truth(1) };
    const boxes = shapeBoxes(scene);

    await page.keyboard.press('Control+KeyF');
    const input = page.getByTestId('detect-input');
    await input.waitFor();
    await input.fill('red. green');
    await page.getByTestId('detect-run').click();
    await expect.poll(() => page.getByTestId('detection').count(), { timeout: 20_000 }).toBe(2);
    expect(await page.getByTestId('detect-error').count()).toBe(0);
    await page.getByTestId('detect-accept').click();
    await expect.poll(async () => (await selections()).length, { timeout: 20_000 }).toBe(2);

    for (const sel of await selections()) {
      const label = sel.prompt.detection?.label ?? '';
      expect(Object.keys(boxes)).toContain(label);
      expect(boxIoU(sel.prompt.box!, boxes[label]!), `${label} box`).toBeGreaterThanOrEqual(0.9);
      const mask = await page.evaluate(
        ({ id, w, h }) => (window as unknown as { __anyfillTest: Hook }).__anyfillTest.selectionMask(id, w, h),
        { id: sel.id, w: W, h: H },
      );
      expect(iou(mask!, truths[label]!), `${label} mask`).toBeGreaterThanOrEqual(0.9);
    }
    expect(fx.pageErrors).toEqual([]);
  });
});
