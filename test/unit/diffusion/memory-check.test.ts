// Runs in: test tooling. The memory a generation still needs (files of the models not open yet, scaled,
// plus one run's working memory) and the message when the machine has less free, given before any loads.
import { describe, expect, it } from 'vitest';
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { inpaintPixels } from '../../../src-main/engine/diffusion/inpaint-service';
import { generationNeed, memoryShortfall, WEIGHT_FACTOR, WORKING_PER_UNET_BYTE } from '../../../src-main/engine/diffusion/memory-check';
import { rectMask, scene, standinModels } from './helpers';

const GB = 1024 ** 3;
/** The diffusers ONNX layout's sizes for SD 1.5 inpainting fp32 (unet/weights.pb beside unet/model.onnx). */
const manifest = {
  schemaVersion: 1,
  packId: 'sd15-inpaint',
  family: 'sd-inpaint',
  layout: 'sd-diffusers-onnx',
  roles: {
    unet: 'unet/model.onnx',
    textEncoder: 'text_encoder/model.onnx',
    vaeEncoder: 'vae_encoder/model.onnx',
    vaeDecoder: 'vae_decoder/model.onnx',
    tokenizer: 'tokenizer/vocab.json',
  },
  source: 'download',
  files: [
    { path: 'unet/model.onnx', bytes: 0.001 * GB, sha256: 'a' },
    { path: 'unet/weights.pb', bytes: 3.2 * GB, sha256: 'b' },
    { path: 'text_encoder/model.onnx', bytes: 0.46 * GB, sha256: 'c' },
    { path: 'vae_encoder/model.onnx', bytes: 0.13 * GB, sha256: 'd' },
    { path: 'vae_decoder/model.onnx', bytes: 0.19 * GB, sha256: 'e' },
    { path: 'tokenizer/vocab.json', bytes: 0.5 * GB, sha256: 'f' },
  ],
  installedAt: '2026-01-01T00:00:00Z',
} as PackManifest;

describe('generation memory check', () => {
  const working = 3.201 * GB * WORKING_PER_UNET_BYTE;

  it('counts every model file of a pack not open yet, external data included, and not the tokenizer', () => {
    expect(generationNeed(manifest, () => false)).toBeCloseTo((0.001 + 3.2 + 0.46 + 0.13 + 0.19) * GB * WEIGHT_FACTOR + working, -3);
  });

  it('counts only the working memory for models already open', () => {
    expect(generationNeed(manifest, (role) => role !== 'vaeDecoder')).toBeCloseTo(0.19 * GB * WEIGHT_FACTOR + working, -3);
    expect(generationNeed(manifest, () => true)).toBeCloseTo(working, -3);
  });

  it('says how much is needed and free, and what to do, when it does not fit', () => {
    expect(memoryShortfall('sd15-inpaint', 5 * GB, 6 * GB)).toBeNull();
    const err = memoryShortfall('sd15-inpaint', 7.5 * GB, 3.2 * GB);
    expect(err?.code).toBe('TOO_LARGE');
    expect(err?.message).toBe(
      'Generative fill with "sd15-inpaint" needs about 7.5 GB of free memory; this computer has 3.2 GB free now. Close other programs and try again, or install a smaller pack (fp16 on a GPU).',
    );
  });
});

describe('a generation on a machine without the memory', () => {
  it('is refused before any model loads, naming both figures', async () => {
    const env = await standinModels((id) => id === 'sd15-inpaint');
    try {
      const image = scene(256, 256);
      const mask = rectMask(256, 256, { x: 96, y: 96, width: 64, height: 64 });
      const settings = {
        prompt: 'red',
        negativePrompt: '',
        seed: 1,
        steps: 2,
        guidance: 7.5,
        strength: 1,
        scheduler: 'ddim' as const,
        variants: 1,
        colourMatch: false,
      };
      const deps = { modelsDir: env.dir, pool: env.pool, queue: env.queue, freeMemory: () => 64 * 1024 ** 2 };
      await expect(inpaintPixels(image, mask, settings, deps)).rejects.toMatchObject({
        code: 'TOO_LARGE',
        message: expect.stringMatching(/needs about [\d.]+ MB of free memory; this computer has 64 MB free now/),
      });
      expect(env.pool.keys()).toEqual([]); // nothing was loaded
      const ok = await inpaintPixels(image, mask, settings, { ...deps, freeMemory: () => 8 * GB });
      expect(ok.variants).toHaveLength(1);
    } finally {
      await env.cleanup();
    }
  });
});
