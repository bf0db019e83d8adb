// Runs in: engine process (and the CLI). The VAE calls: encode an image to *scaled* latents (×0.18215;
// Optimum's latent_parameters = mean ‖ logvar, whose mean is used, §5.3) and decode scaled latents
// (÷0.18215 first) to [3,H,W] in about [−1,1]. One image per call, as diffusers does for fp16 exports.
// vaeRuns picks these or the tiny VAE's for a run.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { LATENT_DOWN, scaled, VAE_SCALE } from './prepare';
import { runSd, type RunDeps } from './sd-runs';
import type { SdPack } from './sd-pack';
import { tinyDecode, tinyEncode } from './tiny-vae';
import type { SdModel } from './types';

export async function encodeImage(
  model: SdModel,
  image: Float32Array,
  width: number,
  height: number,
  deps: RunDeps,
): Promise<Float32Array> {
  const out = await runSd(model, { sample: { values: image, dims: [1, 3, height, width] } }, ['latent_sample', 'latent_parameters'], deps);
  const plane = (width / LATENT_DOWN) * (height / LATENT_DOWN);
  const channels = out.data.length / plane;
  if (channels !== 4 && channels !== 8) {
    throw new AnyfillError(
      'INTERNAL',
      `${model.label} returned [${out.dims.join(',')}] for a ${width}×${height} image; expected 4 or 8 channels at 1/8 size.`,
    );
  }
  return scaled(out.data.subarray(0, 4 * plane), VAE_SCALE);
}

export async function decodeLatents(
  model: SdModel,
  latents: Float32Array,
  width: number,
  height: number,
  deps: RunDeps,
): Promise<Float32Array> {
  const [w, h] = [width / LATENT_DOWN, height / LATENT_DOWN];
  const out = await runSd(model, { latent_sample: { values: scaled(latents, 1 / VAE_SCALE), dims: [1, 4, h, w] } }, ['sample'], deps);
  if (out.data.length !== 3 * width * height) {
    throw new AnyfillError(
      'INTERNAL',
      `${model.label} returned [${out.dims.join(',')}] for ${w}×${h} latents; expected [1,3,${height},${width}].`,
    );
  }
  return out.data;
}

/** The VAE a run uses: the installed tiny VAE's halves when asked for (tiny-vae.ts), else the pack's own. */
export function vaeRuns(pack: SdPack, useTiny: boolean | undefined, width: number, height: number, deps: RunDeps) {
  const tiny = useTiny ? pack.tinyVae : null;
  const [w, h] = [width / LATENT_DOWN, height / LATENT_DOWN];
  return {
    encode: (image: Float32Array) =>
      tiny ? tinyEncode(tiny.encoder, image, width, height, deps) : encodeImage(pack.models.vaeEncoder, image, width, height, deps),
    decode: (latents: Float32Array) =>
      tiny ? tinyDecode(tiny.decoder, latents, w, h, deps) : decodeLatents(pack.models.vaeDecoder, latents, width, height, deps),
  };
}
