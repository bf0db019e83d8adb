// Runs in: test tooling. The fast path's cost twins written as installed packs — the LCM UNet twin at 1/10 of
// its channels (with the LCM stand-in's text encoder and VAE) and the TAESD twins at full size — run through
// the real pipeline: the LCM scheduler's 4 steps with the guidance embedding, the tiny VAE's previews and,
// when asked, its decode. Their pixels mean nothing, but they come back and nothing outside the blend changes.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inpaintPixels } from '../../../src-main/engine/diffusion/inpaint-service';
import type { Preview } from '../../../src-main/engine/diffusion/latent-preview';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { TWIN_PACKS } from '../../../src-main/twins/catalog';
import { writeTwinPack } from '../../../src-main/twins/write-twin';
import { composite, rectMask, scene, SETTINGS } from '../diffusion/helpers';

let dir: string;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-lcm-twin-'));
  await writeTwinPack(
    dir,
    TWIN_PACKS.find((p) => p.packId === 'lcm-dreamshaper-v7')!,
    0.1,
  );
  await writeTwinPack(
    dir,
    TWIN_PACKS.find((p) => p.packId === 'taesd')!,
    1,
  );
}, 120_000);
afterAll(async () => {
  await pool.releaseAll();
  await rm(dir, { recursive: true, force: true });
});

describe('the LCM and TAESD cost twins', () => {
  it('generate in 4 LCM steps with tiny-VAE previews and decode, leaving the rest of the image untouched', async () => {
    const [w, h] = [160, 120];
    const image = scene(w, h);
    const hole = { x: 64, y: 48, width: 32, height: 24 };
    const previews: Preview[] = [];
    const deps = { modelsDir: dir, pool, queue, onPreview: (_v: number, _s: number, p: Preview) => previews.push(p) };
    const out = await inpaintPixels(
      image,
      rectMask(w, h, hole),
      { ...SETTINGS, packId: 'lcm-dreamshaper-v7', steps: 25, tinyVae: true },
      deps,
    );
    expect(out.timings.unetCalls).toBe(4);
    expect(previews.map((p) => p.width)).toEqual(new Array(4).fill(out.plan.processing.width / 4));
    const { patch } = out.variants[0]!;
    const rgb = composite(image, patch);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const inBlend = x >= patch.x && x < patch.x + patch.width && y >= patch.y && y < patch.y + patch.height;
        if (!inBlend) for (const c of [0, 1, 2]) expect(rgb[(y * w + x) * 3 + c]).toBe(image.data[(y * w + x) * 3 + c]);
      }
  }, 120_000);
});
