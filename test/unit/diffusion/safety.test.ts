// Runs in: tests (Node). The optional SD safety checker with the stand-in packs that ship one (they flag
// red results): flagged variants are withheld and reported, never returned black; clean results are the
// same bytes as without a checker; fp16; outpaint; a wrong file in its place is named; verify loads it.
// The CLI: safety-cli.test.ts; CLIP preprocessing: clip-preprocess.test.ts.
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inpaintPixels, type GenerateSettings } from '../../../src-main/engine/diffusion/inpaint-service';
import { outpaintPixels } from '../../../src-main/engine/diffusion/outpaint-service';
import { withheldMessage } from '../../../src-main/engine/diffusion/safety';
import { verifyAndLoad } from '../../../src-main/engine/models/load-check';
import { writeStandins } from '../../../src-main/standins/index';
import { composite, meanWhere, rectMask, scene, SETTINGS, standinModels } from './helpers';

const PACKS = ['sd15-inpaint', 'standin-sd-fp16', 'standin-sd-safety', 'standin-sd-safety-fp16'];
let env: Awaited<ReturnType<typeof standinModels>>;
beforeAll(async () => (env = await standinModels((id) => PACKS.includes(id))));
afterAll(() => env.cleanup());

const [W, H] = [160, 120];
const image = scene(W, H);
const hole = { x: 64, y: 48, width: 32, height: 24 };
const mask = rectMask(W, H, hole);
const inHole = (x: number, y: number) => x >= hole.x && x < hole.x + hole.width && y >= hole.y && y < hole.y + hole.height;
const run = (s: Partial<GenerateSettings>, modelsDir = env.dir) =>
  inpaintPixels(image, mask, { ...SETTINGS, steps: 4, ...s }, { modelsDir, pool: env.pool, queue: env.queue });
const bytes = (out: Awaited<ReturnType<typeof run>>) => out.variants.map((v) => Buffer.from(v.patch.rgba).toString('base64'));

describe('the optional safety checker', () => {
  it('withholds a flagged result with a clear error instead of a black image', async () => {
    await expect(run({ packId: 'standin-sd-safety', prompt: 'a red car' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'The result was flagged and withheld by the safety checker installed with this model pack: try another prompt or seed. Nothing was changed.',
    });
    await expect(run({ packId: 'standin-sd-safety', prompt: 'red', variants: 3 })).rejects.toThrow(
      /^All 3 variants were flagged and withheld/,
    );
  });

  it('passes a clean result through unchanged: the same bytes as the same run without a checker', async () => {
    const [checked, plain] = [
      await run({ packId: 'standin-sd-safety', prompt: 'a yellow car', variants: 2 }),
      await run({ packId: 'sd15-inpaint', prompt: 'a yellow car', variants: 2 }),
    ];
    expect(checked.withheld).toEqual([]);
    expect(checked.message).toBeUndefined();
    expect(checked.variants.map((v) => v.seed)).toEqual([1234, 1235]);
    expect(bytes(checked)).toEqual(bytes(plain));
    expect(checked.timings.safetyMs).toBeGreaterThan(0);
    expect(plain.timings.safetyMs).toBe(0);
  });

  it('fp16 packs: the checker is fed in its declared dtype and flags the same way', async () => {
    await expect(run({ packId: 'standin-sd-safety-fp16', prompt: 'red' })).rejects.toThrow(/flagged and withheld by the safety checker/);
    const [checked, plain] = [
      await run({ packId: 'standin-sd-safety-fp16', prompt: 'blue' }),
      await run({ packId: 'standin-sd-fp16', prompt: 'blue' }),
    ];
    expect(bytes(checked)).toEqual(bytes(plain));
  });

  it('says how many variants were withheld', () => {
    expect(withheldMessage(2, 3)).toBe('2 of 3 variants were withheld by the safety checker installed with this model pack.');
    expect(withheldMessage(1, 1)).toBe('The result was withheld by the safety checker installed with this model pack.');
    expect(withheldMessage(0, 3)).toBeUndefined();
  });

  it('outpaint: a flagged window fails the request, a clean one runs', async () => {
    const deps = { modelsDir: env.dir, pool: env.pool, queue: env.queue };
    const ext = { left: 16, right: 0, top: 0, bottom: 0 };
    const s = { ...SETTINGS, steps: 3, packId: 'standin-sd-safety' };
    await expect(outpaintPixels(image, ext, 'stretch', { ...s, prompt: 'red' }, deps)).rejects.toThrow(
      /Part of the extended canvas was flagged and withheld/,
    );
    const out = await outpaintPixels(image, ext, 'stretch', { ...s, prompt: 'green' }, deps);
    expect(out.pixels.width).toBe(W + 16);
  });
});

describe('the checker file in the model manager', () => {
  it('verify loads it when present, and a removed checker is no problem (fill then runs unchecked)', async () => {
    const dir = path.join(env.dir, 'removable');
    await writeStandins(dir, (id) => id === 'standin-sd-safety');
    const loaded = await verifyAndLoad(dir, 'standin-sd-safety', env);
    expect(loaded.ok, JSON.stringify(loaded.problems)).toBe(true);
    expect(loaded.loads?.find((l) => l.role === 'safetyChecker')).toMatchObject({
      file: 'safety_checker/model.onnx',
      variant: 'sd-safety-checker (float float32)',
    });
    await rm(path.join(dir, 'standin-sd-safety', 'safety_checker', 'model.onnx'));
    const removed = await verifyAndLoad(dir, 'standin-sd-safety', env);
    expect(removed.ok, JSON.stringify(removed.problems)).toBe(true);
    expect(removed.loads?.map((l) => l.role)).not.toContain('safetyChecker');
    const out = await run({ packId: 'standin-sd-safety', prompt: 'red' }, dir);
    expect(meanWhere(composite(image, out.variants[0]!.patch), W, inHole)[0]).toBeGreaterThan(200);
  });

  it('a wrong file in its place is named, at load and by verify', async () => {
    const dir = path.join(env.dir, 'wrong');
    await writeStandins(dir, (id) => id === 'standin-sd-safety');
    const pack = path.join(dir, 'standin-sd-safety');
    await copyFile(path.join(pack, 'vae_decoder', 'model.onnx'), path.join(pack, 'safety_checker', 'model.onnx'));
    const named =
      /safety_checker\/model\.onnx does not look like a Stable Diffusion safety checker \(missing input clip_input, images; has latent_sample\): it looks like a Stable Diffusion VAE decoder instead/;
    await expect(run({ packId: 'standin-sd-safety', prompt: 'yellow' }, dir)).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringMatching(named),
    });
    const verified = await verifyAndLoad(dir, 'standin-sd-safety', env);
    expect(verified.ok).toBe(false);
    expect(verified.problems.map((p) => p.path)).toContain('safety_checker/model.onnx');
  });
});
