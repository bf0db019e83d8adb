// Runs in: tests (Node). Text → boxes end to end on both Grounding DINO stand-ins: images opened through the
// engine's image pipeline (landscape, portrait, EXIF-rotated JPEG), boxes checked in displayed pixels, one
// run per phrase for onnx-community and one run for IDEA-style, thresholds, and the errors a user can meet.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetId } from '../../../src-shared/document/ids';
import { detect, type DetectResult } from '../../../src-main/engine/detect/detect';
import { NO_GDINO_PACK } from '../../../src-main/engine/detect/find-pack';
import { openImage } from '../../../src-main/engine/images/open-image';
import { verifyAndLoad } from '../../../src-main/engine/models/load-check';
import { runModels } from '../../../src-main/cli/models-command';
import { makeSession, type TestSession } from '../../helpers/images';
import { discBox, gdinoModels, iou, LANDSCAPE, PORTRAIT, ROTATED, sceneRotatedJpeg, scenePng, spiedRuntime, type Scene } from './scenes';

let session: TestSession;
let models: Awaited<ReturnType<typeof gdinoModels>>;
const runtime = spiedRuntime();
const assets = new Map<Scene, AssetId>();

beforeAll(async () => {
  [session, models] = await Promise.all([
    makeSession({ runtime: { sessionPool: runtime.pool, inferenceQueue: runtime.queue } }),
    gdinoModels(),
  ]);
  for (const [scene, bytes] of [
    [LANDSCAPE, await scenePng(LANDSCAPE)],
    [PORTRAIT, await scenePng(PORTRAIT)],
    [ROTATED, await sceneRotatedJpeg(ROTATED)],
  ] as const) {
    const { asset } = await openImage(session.ctx.services.assets, await session.stage(bytes), 256);
    assets.set(scene, asset.id);
  }
});
afterAll(async () => {
  await runtime.pool.releaseAll();
  await Promise.all([session?.cleanup(), models?.cleanup()]);
});

function run(
  scene: Scene,
  text: string,
  extra: { packId?: string; boxThreshold?: number; textThreshold?: number; modelsDir?: string } = {},
): Promise<DetectResult> {
  const ctx = { ...session.ctx, modelsDir: extra.modelsDir ?? models.dir };
  return detect(ctx, { assetId: assets.get(scene)!, text, ...extra });
}

const corners = (d: DetectResult['detections'][number]) => [d.box.x0, d.box.y0, d.box.x1, d.box.y1];

describe.each([
  { packId: 'gdino-tiny', runsPerPhrase: true }, // as published: 800×800 only, stretched to
  { packId: 'standin-gdino-aspect', runsPerPhrase: true }, // the upstream 800/1333 rule, aspect kept
  { packId: 'standin-gdino-idea', runsPerPhrase: false },
])('text detection with $packId', ({ packId, runsPerPhrase }) => {
  it.each([
    ['landscape PNG', LANDSCAPE],
    ['portrait PNG', PORTRAIT],
    ['EXIF-rotated JPEG', ROTATED],
  ] as const)('"red" boxes the red square of a %s in displayed pixels', async (_name, scene) => {
    const result = await run(scene, 'red', { packId });
    expect(result.packId).toBe(packId);
    expect(result.detections).toHaveLength(1);
    const [red] = result.detections;
    expect(red).toMatchObject({ index: 1, label: 'red', phrase: 'red' });
    expect(red!.score).toBeGreaterThan(0.35);
    expect(iou(corners(red!), scene.square)).toBeGreaterThanOrEqual(0.9);
    expect(result.notices).toEqual([]);
    expect(result.device.name).toBe('cpu');
  });

  it(`"red. green" gives both, labelled, in ${runsPerPhrase ? 'one run per phrase' : 'a single run'}`, async () => {
    runtime.log.runs.length = 0;
    const result = await run(LANDSCAPE, 'Red. green.', { packId });
    expect(result.detections.map((d) => d.index)).toEqual([1, 2]);
    expect(result.detections.map((d) => d.label).sort()).toEqual(['green', 'red']);
    const red = result.detections.find((d) => d.label === 'red')!;
    const green = result.detections.find((d) => d.label === 'green')!;
    expect(iou(corners(red), LANDSCAPE.square)).toBeGreaterThanOrEqual(0.9);
    expect(iou(corners(green), discBox(LANDSCAPE))).toBeGreaterThanOrEqual(0.9);
    expect(result.detections[0]!.score).toBeGreaterThanOrEqual(result.detections[1]!.score);
    // The model really ran once per phrase (onnx-community's baked text mask), or once with both (IDEA).
    expect(runtime.log.runs).toEqual(
      runsPerPhrase
        ? [
            [101, 2417, 1012, 102],
            [101, 2665, 1012, 102],
          ]
        : [[101, 2417, 1012, 2665, 1012, 102]],
    );
  });

  it('labels by the grounded tokens and keeps the phrase', async () => {
    const result = await run(PORTRAIT, 'a green ball. the red car', { packId });
    expect(result.detections.map((d) => [d.label, d.phrase]).sort()).toEqual([
      ['green', 'a green ball'],
      ['red', 'the red car'],
    ]);
  });

  it('finds nothing for a colour that is not in the image', async () => {
    expect((await run(LANDSCAPE, 'yellow', { packId })).detections).toEqual([]);
    expect((await run(LANDSCAPE, 'yellow. white. black', { packId })).detections).toEqual([]);
  });

  it('thresholds change what is kept', async () => {
    const all = await run(LANDSCAPE, 'red. green. blue', { packId });
    expect(all.detections.map((d) => d.label).sort()).toEqual(['blue', 'green', 'red']);
    expect((await run(LANDSCAPE, 'red. green. blue', { packId, boxThreshold: 0.999 })).detections).toEqual([]);
    // A text threshold above every token: no grounded tokens, so the label falls back to the phrase.
    const strict = await run(LANDSCAPE, 'a red car', { packId, textThreshold: 0.999 });
    expect(strict.detections.map((d) => d.label)).toEqual(['a red car']);
  });

  it('cuts an over-long prompt and says what was cut', async () => {
    const text = ['red', ...Array.from({ length: 90 }, (_, i) => `white car ${i}`), 'green'].join('. ');
    const result = await run(LANDSCAPE, text, { packId });
    expect(result.notices[0]).toMatch(
      /^The prompt is longer than the model's 256 tokens, so this part was left out: "white car 63\. .*" \(28 phrases\)\.$/,
    );
    expect(result.detections.map((d) => d.label)).toEqual(['red']); // "green" was cut
  });
});

describe('text detection errors', () => {
  it('an empty prompt is BAD_REQUEST with a hint, before anything else', async () => {
    await expect(run(LANDSCAPE, '  . ', { modelsDir: '/nonexistent' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Type what to select, e.g. "dog" or "red car. tree".',
    });
  });

  it('no Grounding DINO pack is NOT_FOUND, pointing at the model manager', async () => {
    await expect(run(LANDSCAPE, 'red', { modelsDir: path.join(session.dir, 'no-models') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: NO_GDINO_PACK,
    });
    await expect(run(LANDSCAPE, 'red', { packId: 'gdino-base' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('"gdino-base" is not installed'),
    });
  });

  it('picks the installed default pack when none is named', async () => {
    expect((await run(LANDSCAPE, 'red')).packId).toBe('gdino-tiny');
  });

  it('a model failing mid-run gives a clear error, and the next run works', async () => {
    runtime.log.failNext = new Error('Non-zero status code returned while running Conv node.');
    await expect(run(LANDSCAPE, 'red', { packId: 'gdino-tiny' })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'Grounding DINO (gdino-tiny) failed while running: Non-zero status code returned while running Conv node.',
    });
    expect((await run(LANDSCAPE, 'red', { packId: 'gdino-tiny' })).detections).toHaveLength(1);
  });

  it('a damaged model file is named in the error', async () => {
    const id = 'broken-gdino';
    const src = path.join(models.dir, 'gdino-tiny');
    const dst = path.join(models.dir, id);
    await mkdir(path.join(dst, 'onnx'), { recursive: true });
    for (const f of ['tokenizer.json', 'tokenizer_config.json', 'vocab.txt', 'preprocessor_config.json'])
      await copyFile(path.join(src, f), path.join(dst, f));
    await writeFile(path.join(dst, 'onnx', 'model.onnx'), 'not an onnx model');
    const manifest = JSON.parse(await readFile(path.join(src, 'anyfill-pack.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(dst, 'anyfill-pack.json'), JSON.stringify({ ...manifest, packId: id }));
    await expect(run(LANDSCAPE, 'red', { packId: id })).rejects.toMatchObject({
      code: 'INTEGRITY',
      message: expect.stringContaining('onnx/model.onnx is damaged'),
    });
  });
});

describe('punctuation in a prompt', () => {
  it('never reaches the model: each run is fed [CLS] words . [SEP] only', async () => {
    runtime.log.runs.length = 0;
    const result = await run(LANDSCAPE, 'Red? Green, please! blue;', { packId: 'gdino-tiny' });
    expect(runtime.log.runs).toEqual([[101, 2417, 2665, 100, 2630, 1012, 102]]);
    expect(result.detections.map((d) => d.phrase)).toContain('red green please blue');
  });
});

describe('verify of the square-only pack', () => {
  it('warms it up at its configured 800×800 (the default 64×64 warm-up would fail in its Reshape)', async () => {
    const verified = await verifyAndLoad(models.dir, 'gdino-tiny', runtime);
    expect(verified.problems).toEqual([]);
    expect(verified.loads?.[0]).toMatchObject({ role: 'model', variant: expect.stringMatching(/^gdino\b/) });
    expect(verified.loads?.[0]?.warmUpMs).toEqual(expect.any(Number));
    expect(verified.loads?.[0]?.applied).toBeUndefined(); // loads fully optimised: nothing to report
  });
});

describe('a pack ONNX Runtime cannot load with full graph optimisation', () => {
  const lowered =
    /^graph optimisation lowered to 'basic': full optimisation failed \(Invalid model\. Node input '\w+' is not a graph input, initializer, or output of a previous node\.?\)$/;

  it('loads with basic optimisation, finds the red square, and verify says what was lowered', async () => {
    const result = await run(PORTRAIT, 'red', { packId: 'standin-gdino-unfusable' });
    expect(result.detections.map((d) => d.label)).toEqual(['red']);
    expect(iou(corners(result.detections[0]!), PORTRAIT.square)).toBeGreaterThanOrEqual(0.9);
    const verified = await verifyAndLoad(models.dir, 'standin-gdino-unfusable', runtime);
    expect(verified.ok).toBe(true);
    expect(verified.loads?.[0]?.applied).toEqual([expect.stringMatching(lowered)]);
  });

  it('`anyfill models verify` prints it under the file', async () => {
    let out = '';
    const code = await runModels(['verify', 'standin-gdino-unfusable', '--models', models.dir], {
      verify: (dir, id) => verifyAndLoad(dir, id, runtime),
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => undefined },
    });
    expect(code).toBe(0);
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.trim().startsWith('onnx/model.onnx: gdino'));
    expect(lines[0]).toMatch(/^ok {7}standin-gdino-unfusable/);
    expect(lines[at + 1]!.trim()).toMatch(/^applied: graph optimisation lowered to 'basic': full optimisation failed \(Invalid model\./);
  });
});
