// Runs in: test tooling. On CPU the guidance pair runs as two UNet evaluations of one row each (half the
// UNet's working memory: inpaint-pipeline.ts), with the same result as one evaluation of both rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inpaintPixels, openPack, type GenerateSettings } from '../../../src-main/engine/diffusion/inpaint-service';
import type { Feeds } from '../../../src-main/engine/runtime/ort';
import { rectMask, scene, standinModels } from './helpers';

let env: Awaited<ReturnType<typeof standinModels>>;
beforeAll(async () => {
  env = await standinModels((id) => id === 'sd15-inpaint');
});
afterAll(() => env.cleanup());

const settings: GenerateSettings = {
  prompt: 'red',
  negativePrompt: '',
  seed: 7,
  steps: 3,
  guidance: 7.5,
  strength: 1,
  scheduler: 'ddim',
  variants: 1,
  colourMatch: false,
};

describe('guidance rows per UNet run', () => {
  it('runs each row on its own on CPU and gives the same bytes as one batch of two', async () => {
    const deps = { modelsDir: env.dir, pool: env.pool, queue: env.queue };
    const unet = (await openPack(env.dir, undefined, deps)).models.unet.session;
    const batches: number[] = [];
    const run = unet.run.bind(unet);
    unet.run = ((feeds: Feeds) => (batches.push(feeds.sample!.dims[0]!), run(feeds))) as typeof unet.run;
    const [image, mask] = [scene(256, 256), rectMask(256, 256, { x: 96, y: 96, width: 64, height: 64 })];

    const split = await inpaintPixels(image, mask, settings, deps);
    expect(batches).toEqual([1, 1, 1, 1, 1, 1]); // 3 steps × (unconditional, prompt)
    batches.length = 0;
    const paired = await inpaintPixels(image, mask, settings, { ...deps, oneRowPerRun: false });
    expect(batches).toEqual([2, 2, 2]);
    expect(Buffer.from(split.variants[0]!.patch.rgba).equals(Buffer.from(paired.variants[0]!.patch.rgba))).toBe(true);
  });
});
