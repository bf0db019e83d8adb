// Runs in: tests (Node). Generative fill on full-resolution pixels with the SD stand-ins: the mask takes the
// prompt's colour, every pixel outside the blend region is untouched, seeds are reproducible, every
// scheduler and every export variant runs, NaN is reported, bad input refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inpaintPixels, type GenerateSettings } from '../../../src-main/engine/diffusion/inpaint-service';
import { SCHEDULER_NAMES } from '../../../src-main/engine/diffusion/schedulers/index';
import { composite, isRed, meanWhere, rectMask, scene, SETTINGS, standinModels } from './helpers';
import { needsSharedImages } from '../../helpers/shared-images';

let env: Awaited<ReturnType<typeof standinModels>>;
beforeAll(async () => (env = await standinModels()));
afterAll(() => env.cleanup());

const W = 160;
const H = 120;
const image = scene(W, H);
const hole = { x: 64, y: 48, width: 32, height: 24 };
const mask = rectMask(W, H, hole);
const inHole = (x: number, y: number) => x >= hole.x && x < hole.x + hole.width && y >= hole.y && y < hole.y + hole.height;
const run = (s: Partial<GenerateSettings> = {}) =>
  inpaintPixels(image, mask, { ...SETTINGS, ...s }, { modelsDir: env.dir, pool: env.pool, queue: env.queue });

describe('inpaint with the SD stand-ins', () => {
  it('paints the mask red and leaves every pixel outside the blend region byte-identical', async () => {
    const out = await run();
    expect(out.variants).toHaveLength(1);
    const { patch, seed } = out.variants[0]!;
    expect(seed).toBe(1234);
    const rgb = composite(image, patch);
    expect(isRed(meanWhere(rgb, W, inHole)), `${meanWhere(rgb, W, inHole).map(Math.round)}`).toBe(true);
    // Alpha is 255 over the whole mask and 0 beyond the feather.
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const px = x - patch.x,
          py = y - patch.y;
        const a = px >= 0 && py >= 0 && px < patch.width && py < patch.height ? patch.rgba[(py * patch.width + px) * 4 + 3]! : 0;
        if (inHole(x, y)) expect(a).toBe(255);
        if (a === 0) for (let c = 0; c < 3; c++) expect(rgb[(y * W + x) * 3 + c]).toBe(image.data[(y * W + x) * 3 + c]);
      }
    expect(patch.width).toBeLessThan(W);
    expect(out.plan.processing.width % 64).toBe(0);
    expect(out.timings.unetCalls).toBe(8);
    expect(out.promptReport.prompt.truncated).toBe(false);
  });

  it('same seed → identical bytes; another seed → different bytes; variants use seed, seed + 1', async () => {
    // DDIM ends at ᾱ_0 < 1 (set_alpha_to_one false), so a trace of the seed's noise stays in the result.
    const [a, b, c] = [await run(), await run(), await run({ seed: 99, variants: 2 })];
    expect(Buffer.from(a.variants[0]!.patch.rgba).equals(Buffer.from(b.variants[0]!.patch.rgba))).toBe(true);
    expect(Buffer.from(a.variants[0]!.patch.rgba).equals(Buffer.from(c.variants[0]!.patch.rgba))).toBe(false);
    expect(c.variants.map((v) => v.seed)).toEqual([99, 100]);
    expect(Buffer.from(c.variants[0]!.patch.rgba).equals(Buffer.from(c.variants[1]!.patch.rgba))).toBe(false);
  });

  it.each(SCHEDULER_NAMES.map((n) => [n]))('%s converges on the stand-in', async (scheduler) => {
    const out = await run({ scheduler, steps: scheduler === 'lcm' ? 4 : 12 });
    const rgb = composite(image, out.variants[0]!.patch);
    expect(isRed(meanWhere(rgb, W, inHole)), `${meanWhere(rgb, W, inHole).map(Math.round)}`).toBe(true);
  });

  it('strength < 1 starts from the image latents and still reaches the prompt', async () => {
    const out = await run({ strength: 0.7, steps: 10 });
    expect(out.timings.unetCalls).toBe(7);
    expect(isRed(meanWhere(composite(image, out.variants[0]!.patch), W, inHole))).toBe(true);
  });

  it.each(['standin-sd-timestep-int64', 'standin-sd-timestep-scalar', 'standin-sd-fp16', 'standin-sd-optimum'])(
    '%s runs and paints red',
    async (packId) => {
      const out = await run({ packId, scheduler: packId.includes('int64') ? 'euler-a' : 'ddim' });
      expect(isRed(meanWhere(composite(image, out.variants[0]!.patch), W, inHole))).toBe(true);
    },
  );

  it('the NaN pack is reported with a fix, not returned', async () => {
    await expect(run({ packId: 'standin-sd-nan' })).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringMatching(/NaN.*Nothing was changed/),
    });
  });

  it('colour match can be turned off; without CFG (guidance 1) the prompt still drives the fill', async () => {
    const out = await run({ colourMatch: false, guidance: 1 });
    expect(isRed(meanWhere(composite(image, out.variants[0]!.patch), W, inHole))).toBe(true);
  });

  it('refuses empty, whole-image and mis-sized masks, and unknown packs', async () => {
    const deps = { modelsDir: env.dir, pool: env.pool, queue: env.queue };
    await expect(inpaintPixels(image, rectMask(W, H, { x: 0, y: 0, width: 0, height: 0 }), SETTINGS, deps)).rejects.toThrow(
      /mask is empty/,
    );
    await expect(inpaintPixels(image, rectMask(W, H, { x: 0, y: 0, width: W, height: H }), SETTINGS, deps)).rejects.toThrow(
      /covers the whole image/,
    );
    await expect(inpaintPixels(image, rectMask(W, 10, { x: 0, y: 0, width: 4, height: 4 }), SETTINGS, deps)).rejects.toThrow(/same size/);
    await expect(run({ packId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a real photo', () => {
  it('inpaints a region of /work/shared/images/dog.jpg at full resolution, the rest byte-identical', async (ctx) => {
    needsSharedImages(ctx);
    const { decodeImage } = await import('../../../src-main/cli/detect-command');
    const { SHARED_IMAGES } = await import('../../helpers/images');
    const photo = await decodeImage(`${SHARED_IMAGES}/dog.jpg`);
    const r = { x: Math.round(photo.width * 0.4), y: Math.round(photo.height * 0.4), width: 120, height: 90 };
    const out = await inpaintPixels(
      photo,
      rectMask(photo.width, photo.height, r),
      { ...SETTINGS, prompt: 'blue', steps: 6 },
      { modelsDir: env.dir, pool: env.pool, queue: env.queue },
    );
    const { patch } = out.variants[0]!;
    const rgb = composite(photo, patch);
    const inside = (x: number, y: number) => x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;
    const [red, green, blue] = meanWhere(rgb, photo.width, inside);
    expect(blue!).toBeGreaterThan(200);
    expect(Math.max(red!, green!)).toBeLessThan(70);
    // Everything outside the patch rectangle is the decoded photo's bytes.
    let changed = 0;
    for (let y = 0; y < photo.height; y++)
      for (let x = 0; x < photo.width; x++) {
        if (x >= patch.x && x < patch.x + patch.width && y >= patch.y && y < patch.y + patch.height) continue;
        for (let c = 0; c < 3; c++)
          if (rgb[(y * photo.width + x) * 3 + c] !== photo.data[(y * photo.width + x) * photo.channels + c]) changed++;
      }
    expect(changed).toBe(0);
  });
});
