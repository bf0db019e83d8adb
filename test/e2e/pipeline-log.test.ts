// Runs in: tests (node → Chromium). The pipeline log of a result layer: a content-aware fill and a
// generative fill (stand-in SD pack) each get a log; the pipeline panel lists the steps with the method and
// seed; Export log downloads JSON with the models, seed and input hash; Re-run says "Reproduced exactly"
// and adds no layer until asked.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditorPage } from './editor-page';
import { useEditor } from './fixture';
import type { AnyfillTestWindow } from '../../src-renderer/test-hook';

const W = 400;
const H = 300;
const RECT = { x0: 120, y0: 100, x1: 220, y1: 180 };

function render(): Buffer {
  const out = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const inRect = x >= RECT.x0 && x < RECT.x1 && y >= RECT.y0 && y < RECT.y1;
      out.set(inRect ? [220, 40, 40] : Math.floor(x / 10) % 2 ? [40, 70, 150] : [90, 130, 210], (y * W + x) * 3);
    }
  return out;
}

type Layer = { id: string; kind: string; name: string; provenance?: { kind: string; request: Record<string, unknown> } };
const layersOf = (p: Page) =>
  p.evaluate(() => (window as unknown as AnyfillTestWindow<{ document: { layers: Layer[] } }>).__anyfillTest.getState().document.layers);

async function selectRect(page: Page, editor: EditorPage): Promise<void> {
  const png = await sharp(render(), { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer();
  await editor.openBytesWithDialog('stripes.png', png);
  await editor.waitForLayers(1);
  await editor.waitIdle();
  const rect = await editor.documentRect();
  await page.keyboard.press('w');
  await expect.poll(() => page.getByTestId('wand-controls').isVisible()).toBe(true);
  await page.mouse.click(rect.x + (170.5 * rect.w) / W, rect.y + (140.5 * rect.h) / H);
  await expect.poll(async () => (await layersOf(page)).some((l) => l.kind === 'selection')).toBe(true);
}

async function exportAndRerun(page: Page): Promise<Record<string, unknown>> {
  const download = page.waitForEvent('download');
  await page.getByTestId('pipeline-export').click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/-pipeline\.json$/);
  const log = JSON.parse(await readFile((await d.path())!, 'utf8')) as Record<string, unknown>;
  const count = (await layersOf(page)).length;
  await page.getByTestId('pipeline-rerun').click();
  await expect
    .poll(() => page.getByTestId('pipeline-rerun-status').innerText(), { timeout: 90_000 })
    .toMatch(/Reproduced exactly \(sha256 [0-9a-f]{12}/);
  expect((await layersOf(page)).length).toBe(count); // nothing added unless asked
  await page.getByTestId('pipeline-add-layer').click();
  await expect.poll(async () => (await layersOf(page)).length).toBe(count + 1);
  return log;
}

describe('pipeline log of a content-aware fill (no models)', () => {
  const fx = useEditor({ models: 'none' });
  let page: Page;
  let editor: EditorPage;
  beforeAll(() => ({ page, editor } = fx));

  it('records the fill, shows its steps, exports JSON and re-runs to the same bytes', async () => {
    await selectRect(page, editor);
    await page.getByTestId('fill-method').selectOption('patchmatch');
    await page.getByTestId('fill-seed').fill('7');
    await page.getByTestId('fill-seed').blur();
    await page.keyboard.press('Shift+Backspace');
    await expect
      .poll(async () => (await layersOf(page)).find((l) => l.provenance)?.provenance?.kind, { timeout: 60_000 })
      .toBe('content-aware-fill');
    await page.getByTestId('pipeline-toggle').click();
    for (const step of ['input', 'selection', 'parameters', 'models', 'result'])
      await expect.poll(() => page.getByTestId(`pipeline-step-${step}`).isVisible()).toBe(true);
    expect(await page.getByTestId('pipeline-param-method').innerText()).toMatch(/patchmatch/);
    expect(await page.getByTestId('pipeline-param-seed').innerText()).toMatch(/7/);
    const log = await exportAndRerun(page);
    expect(log).toMatchObject({
      format: 'anyfill-pipeline-log',
      kind: 'content-aware-fill',
      models: [],
      request: { seed: 7, method: 'patchmatch' },
    });
    expect((log.input as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('pipeline log of a generative fill (stand-in SD pack)', () => {
  const fx = useEditor({ models: (id) => id === 'sd15-inpaint' });
  let page: Page;
  let editor: EditorPage;
  beforeAll(() => ({ page, editor } = fx));

  it('records the applied candidate with the pack sha256 and re-runs it to the same bytes', async () => {
    await selectRect(page, editor);
    await page.getByTestId('generate-advanced').click();
    await page.getByTestId('generate-steps').fill('3');
    await page.getByTestId('generate-variants').fill('1');
    await page.getByTestId('generate-prompt').fill('red');
    await page.getByTestId('generate-run').click();
    await expect.poll(() => page.getByTestId('generate-apply').isVisible(), { timeout: 90_000 }).toBe(true);
    await page.getByTestId('generate-apply').click();
    await expect.poll(async () => (await layersOf(page)).find((l) => l.provenance)?.provenance?.kind).toBe('generative-fill');
    await page.getByTestId('pipeline-toggle').click();
    expect(await page.getByTestId('pipeline-param-prompt').innerText()).toMatch(/red/);
    expect(await page.getByTestId('pipeline-step-models').innerText()).toMatch(/sd15-inpaint/);
    const log = await exportAndRerun(page);
    const models = log.models as Array<{ packId: string; files: Array<{ sha256: string }> }>;
    expect(models[0]?.packId).toBe('sd15-inpaint');
    expect(models[0]?.files.length).toBeGreaterThan(0);
    expect(typeof (log.request as { seed: unknown }).seed).toBe('number');
    expect((log.input as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
