// Runs in: engine process (and the CLI). The tiny VAE (TAESD, family 'tiny-vae') when one is installed:
// every generation previews its steps through its decoder, and with the tiny-VAE setting it also encodes and
// decodes in place of the pack's VAE (about 18× cheaper than the SD VAE decoder at 512², performance.md §1;
// blurrier fine detail, so off by default). Its contract differs from the SD VAE's (models/README.md,
// `taesd`): it takes and returns the *scaled* latents the UNet works on (AutoencoderTiny's scaling_factor is
// 1.0), so nothing is multiplied or divided by 0.18215 here; images are [−1,1] both ways.
import { promises as fs } from 'node:fs';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { PackIdSchema, type PackManifest } from '../../../src-shared/models/catalog-schema';
import { loadCatalog } from '../models/catalog';
import { readManifest, resolvePackFile } from '../models/pack-files';
import type { SessionPool } from '../runtime/session-pool';
import { LATENT_DOWN } from './prepare';
import { runSd, type RunDeps } from './sd-runs';
import { openSdModel, type SdModel } from './sd-model';

export interface TinyVae {
  packId: string;
  decoder: SdModel;
  encoder: SdModel;
}

/** The catalog's tiny VAE first, then any other installed one; null when none is installed. */
export async function findTinyVae(modelsDir: string): Promise<PackManifest | null> {
  const catalog = loadCatalog()
    .packs.filter((p) => p.family === 'tiny-vae')
    .map((p) => p.id);
  const dirs = await fs.readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  const others = dirs
    .filter((d) => d.isDirectory() && PackIdSchema.safeParse(d.name).success && !catalog.includes(d.name))
    .map((d) => d.name)
    .sort();
  for (const id of [...catalog, ...others]) {
    const manifest = await readManifest(modelsDir, id);
    if (manifest?.family === 'tiny-vae') return manifest;
  }
  return null;
}

export async function openTinyVae(modelsDir: string, pool: SessionPool): Promise<TinyVae | null> {
  const manifest = await findTinyVae(modelsDir);
  if (!manifest) return null;
  const open = async (role: 'vaeDecoder' | 'vaeEncoder', title: string) => {
    const { device: _device, ...model } = await openSdModel(pool, manifest, role, resolvePackFile(modelsDir, manifest, role), title);
    return model;
  };
  return {
    packId: manifest.packId,
    decoder: await open('vaeDecoder', 'Tiny VAE decoder'),
    encoder: await open('vaeEncoder', 'Tiny VAE encoder'),
  };
}

/** Scaled latents [4,h,w] → [3,8h,8w] in about [−1,1]. */
export async function tinyDecode(model: SdModel, latents: Float32Array, w: number, h: number, deps: RunDeps): Promise<Float32Array> {
  const out = await runSd(model, { latent_sample: { values: latents, dims: [1, 4, h, w] } }, ['sample'], deps);
  if (out.data.length !== 3 * w * h * LATENT_DOWN * LATENT_DOWN)
    throw new AnyfillError(
      'INTERNAL',
      `${model.label} returned [${out.dims.join(',')}] for ${w}×${h} latents; expected [1,3,${h * LATENT_DOWN},${w * LATENT_DOWN}].`,
    );
  return out.data;
}

/** [3,H,W] in [−1,1] → scaled latents [4,H/8,W/8]. */
export async function tinyEncode(model: SdModel, image: Float32Array, width: number, height: number, deps: RunDeps): Promise<Float32Array> {
  const out = await runSd(model, { sample: { values: image, dims: [1, 3, height, width] } }, ['latent_sample'], deps);
  if (out.data.length !== (4 * width * height) / (LATENT_DOWN * LATENT_DOWN))
    throw new AnyfillError(
      'INTERNAL',
      `${model.label} returned [${out.dims.join(',')}] for a ${width}×${height} image; expected 4 channels at 1/8 size.`,
    );
  return out.data;
}
