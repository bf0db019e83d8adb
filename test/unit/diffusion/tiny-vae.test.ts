// Runs in: tests (Node). The tiny VAE (TAESD stand-in: scaled latents in, tanh(z/3)·3 clamp, [−1,1] out):
// when installed, every step preview goes through its decoder (twice the latent preview's size, real
// colours); with the tiny-VAE setting it also decodes the result. Without it, previews are the latent matrix's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Preview } from '../../../src-main/engine/diffusion/latent-preview';
import { inpaintPixels, type GenerateSettings, type InpaintOutcome } from '../../../src-main/engine/diffusion/inpaint-service';
import { composite, meanWhere, rectMask, scene, SETTINGS, standinModels } from './helpers';

const W = 160;
const H = 120;
const image = scene(W, H);
const hole = { x: 56, y: 40, width: 48, height: 40 };
const mask = rectMask(W, H, hole);
const inner = (x: number, y: number) =>
  x >= hole.x + 12 && x < hole.x + hole.width - 12 && y >= hole.y + 12 && y < hole.y + hole.height - 12;

/** The TAESD stand-in's red: channel 0 of the red latent (1.2) clamped by tanh(z/3)·3, then (z − 0.7)/0.5. */
const TAESD_RED = Math.round(((Math.tanh(1.2 / 3) * 3 - 0.7) / 0.5 / 2 + 0.5) * 255);

type Env = Awaited<ReturnType<typeof standinModels>>;
async function generateWith(env: Env, s: Partial<GenerateSettings> = {}): Promise<{ out: InpaintOutcome; previews: Preview[] }> {
  const previews: Preview[] = [];
  const deps = {
    modelsDir: env.dir,
    pool: env.pool,
    queue: env.queue,
    onPreview: (_v: number, _s: number, p: Preview) => previews.push(p),
  };
  // Guidance 1: the stand-in's CFG would extrapolate the colour far past the clamp. LCM's last step returns
  // its x0 prediction, so the final latent is exactly red's (DDIM would keep a trace of noise).
  const out = await inpaintPixels(image, mask, { ...SETTINGS, guidance: 1, scheduler: 'lcm', steps: 4, colourMatch: false, ...s }, deps);
  return { out, previews };
}

/** The preview pixel over the hole's centre. */
function centre(p: Preview, out: InpaintOutcome): number[] {
  const { crop, processing } = out.plan;
  const [cx, cy] = [hole.x + hole.width / 2 - crop.x, hole.y + hole.height / 2 - crop.y];
  const [px, py] = [
    Math.floor((cx * processing.width) / crop.width / (processing.width / p.width)),
    Math.floor((cy * processing.height) / crop.height / (processing.height / p.height)),
  ];
  return [0, 1, 2].map((c) => p.rgb[(py * p.width + px) * 3 + c]!);
}

describe('with the TAESD pack installed', () => {
  let env: Env;
  beforeAll(async () => (env = await standinModels((id) => id === 'sd15-inpaint' || id === 'taesd')));
  afterAll(() => env.cleanup());

  it("previews every step through the tiny VAE: twice the latent size, in the decoder's colours", async () => {
    const { out, previews } = await generateWith(env);
    expect(previews).toHaveLength(4);
    const last = previews.at(-1)!;
    expect([last.width, last.height]).toEqual([out.plan.processing.width / 4, out.plan.processing.height / 4]);
    const [r, g, b] = centre(last, out);
    expect(Math.abs(r! - TAESD_RED), `${[r, g, b]}`).toBeLessThanOrEqual(3);
    expect(g!).toBeLessThanOrEqual(3);
    expect(b!).toBeLessThanOrEqual(3);
  });

  it("decodes the result with the tiny VAE only when asked (default off: the pack's VAE)", async () => {
    const mean = async (s: Partial<GenerateSettings>) =>
      meanWhere(composite(image, (await generateWith(env, s)).out.variants[0]!.patch), W, inner).map(Math.round);
    expect(await mean({})).toEqual([255, 0, 0]);
    const tiny = await mean({ tinyVae: true });
    expect(Math.abs(tiny[0]! - TAESD_RED), `${tiny}`).toBeLessThanOrEqual(2);
    expect(tiny.slice(1)).toEqual([0, 0]);
  });
});

describe('without a tiny VAE', () => {
  let env: Env;
  beforeAll(async () => (env = await standinModels((id) => id === 'sd15-inpaint')));
  afterAll(() => env.cleanup());

  it('previews with the latent matrix at the latent size, and the setting changes nothing', async () => {
    const { out, previews } = await generateWith(env, { tinyVae: true });
    const last = previews.at(-1)!;
    expect([last.width, last.height]).toEqual([out.plan.processing.width / 8, out.plan.processing.height / 8]);
    expect(centre(last, out)[0]!).toBeLessThan(TAESD_RED - 30);
    expect(meanWhere(composite(image, out.variants[0]!.patch), W, inner).map(Math.round)).toEqual([255, 0, 0]);
  });
});
