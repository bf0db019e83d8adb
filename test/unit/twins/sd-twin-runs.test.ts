// Runs in: test tooling. The SD 1.5 inpainting twins (UNet, CLIP text encoder, VAE encoder and decoder at
// 1/10 of their channels, about 90 MB) written as an installed pack run through the real inpainting
// pipeline: tokenizer, CFG UNet steps, scheduler, VAE, crop and blend. Their pixels mean nothing, but
// they come back, and nothing outside the blend region changes.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inpaintPixels } from '../../../src-main/engine/diffusion/inpaint-service';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { TWIN_PACKS } from '../../../src-main/twins/catalog';
import { writeTwinPack } from '../../../src-main/twins/write-twin';
import { composite, rectMask, scene, SETTINGS } from '../diffusion/helpers';

let dir: string;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-sd-twin-'));
  await writeTwinPack(
    dir,
    TWIN_PACKS.find((p) => p.packId === 'sd15-inpaint')!,
    0.1,
  );
}, 120_000);
afterAll(async () => {
  await pool.releaseAll();
  await rm(dir, { recursive: true, force: true });
});

describe('the SD 1.5 inpainting cost twins', () => {
  it('generate a fill through the real pipeline, leaving the rest of the image untouched', async () => {
    const [w, h] = [160, 120];
    const image = scene(w, h);
    const hole = { x: 64, y: 48, width: 32, height: 24 };
    const out = await inpaintPixels(image, rectMask(w, h, hole), { ...SETTINGS, steps: 2 }, { modelsDir: dir, pool, queue });
    expect(out.variants).toHaveLength(1);
    const { patch } = out.variants[0]!;
    const rgb = composite(image, patch);
    let changedInside = 0;
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 3;
        const same = [0, 1, 2].every((c) => rgb[i + c] === image.data[i + c]);
        const inBlend = x >= patch.x && x < patch.x + patch.width && y >= patch.y && y < patch.y + patch.height;
        if (!inBlend) expect(same).toBe(true);
        else if (!same) changedInside++;
      }
    expect(changedInside).toBeGreaterThan(hole.width * hole.height * 0.5);
  }, 120_000);
});
