// Runs in: tests (Node). The LCM fast path through the real pipeline with the LCM Dreamshaper stand-in
// (standins/lcm: exact ε toward the prompt colour at saturation min(1, w/7), w read back from timestep_cond):
// it runs the LCM scheduler in ≤ 8 steps whatever was asked, inpaints by latent blending, and feeds the
// guidance as diffusers' embedding of w = guidance − 1 — a wrong embedding paints another saturation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, inpaintPixels, openPack, type GenerateSettings } from '../../../src-main/engine/diffusion/inpaint-service';
import { composite, meanWhere, rectMask, scene, SETTINGS, standinModels } from './helpers';

let env: Awaited<ReturnType<typeof standinModels>>;
beforeAll(async () => (env = await standinModels((id) => id === 'lcm-dreamshaper-v7')));
afterAll(() => env.cleanup());

const W = 160;
const H = 120;
const image = scene(W, H);
const hole = { x: 56, y: 40, width: 48, height: 40 };
const mask = rectMask(W, H, hole);
// The hole's inside, clear of the feathered edge and of the resize's ringing.
const inner = (x: number, y: number) =>
  x >= hole.x + 12 && x < hole.x + hole.width - 12 && y >= hole.y + 12 && y < hole.y + hole.height - 12;
const LCM: Partial<GenerateSettings> = { packId: 'lcm-dreamshaper-v7', colourMatch: false };
const run = (s: Partial<GenerateSettings> = {}) =>
  inpaintPixels(image, mask, { ...SETTINGS, ...LCM, ...s }, { modelsDir: env.dir, pool: env.pool, queue: env.queue });

/** The stand-in's colour at saturation s: grey + s·(red − grey) in [−1,1], as bytes. */
const expected = (s: number) => [1, -1, -1].map((v) => Math.round((s * v + 1) * 127.5));

describe('the LCM fast path with the LCM Dreamshaper stand-in', () => {
  it("runs the LCM scheduler in the fast path's 4 steps when 25 DPM++ steps are asked, and paints the prompt at guidance 8", async () => {
    const out = await run({ steps: 25, scheduler: 'dpmpp-2m-karras', guidance: 8 });
    expect(out.packId).toBe('lcm-dreamshaper-v7');
    expect(out.timings.unetCalls).toBe(4);
    const rgb = composite(image, out.variants[0]!.patch);
    const mean = meanWhere(rgb, W, inner);
    expect(mean.map(Math.round)).toEqual(expected(1));
  });

  it('feeds the guidance as the embedding of w = guidance − 1: 4.5 paints exactly half the colour', async () => {
    const out = await run({ steps: 2, guidance: 4.5 });
    expect(out.timings.unetCalls).toBe(2);
    const mean = meanWhere(composite(image, out.variants[0]!.patch), W, inner);
    for (const [c, v] of mean.entries()) expect(Math.abs(v - expected(0.5)[c]!), `${mean.map(Math.round)}`).toBeLessThanOrEqual(1);
  });

  it('keeps what lies outside the mask: the known latents are blended back after every step', async () => {
    // The pipeline's own output at the processing size (before any feathered paste): a 128² blue-and-green
    // scene with its left half masked; the stand-in UNet itself paints the whole latent red.
    const deps = { modelsDir: env.dir, pool: env.pool, queue: env.queue };
    const pack = await openPack(env.dir, 'lcm-dreamshaper-v7', deps);
    const px = scene(128, 128);
    const half = rectMask(128, 128, { x: 0, y: 0, width: 64, height: 128 });
    const out = await generate(
      pack,
      { rgb: new Uint8Array(px.data), mask: half.data, width: 128, height: 128 },
      { ...SETTINGS, ...LCM, steps: 4, guidance: 8 },
      deps,
    );
    const rgb = out.images[0]!.rgb;
    const left = meanWhere(rgb, 128, (x) => x < 56);
    const right = meanWhere(rgb, 128, (x) => x >= 72);
    const sceneRight = meanWhere(new Uint8Array(px.data), 128, (x) => x >= 72);
    expect(left.map(Math.round)).toEqual(expected(1));
    // 8×8 block means of the scene through the stand-in VAE: within a few levels of the photo.
    for (const c of [0, 1, 2]) expect(Math.abs(right[c]! - sceneRight[c]!), `${right.map(Math.round)}`).toBeLessThan(4);
  });
});
