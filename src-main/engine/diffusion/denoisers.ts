// Runs in: engine process (and the CLI). How one step's UNet call is made, per kind of pack:
// - inpaint: diffusers' inpainting loop (model-contracts §5.5): the 9-channel sample [latents, mask, masked
//   latents] per CFG row, guidance applied to the [negative, prompt] pair;
// - lcm: a latent-consistency text-to-image UNet (4 channels, no CFG row: the guidance goes in as
//   timestep_cond, lcm-guidance.ts), inpainting by latent blending as diffusers' StableDiffusionInpaintPipeline
//   does for 4-channel UNets and Amuse/OnnxStack do for LCM ("ImageInpaintLegacy"): after every step the
//   latents outside the mask are replaced by the image's, noised to the next timestep (clean after the last).
import { guidanceEmbedding, blendKnown, noisedTo } from './lcm-guidance';
import { guide, unetSample } from './prepare';
import type { Scheduler } from './schedulers/index';
import { alphasCumprod } from './schedulers/schedule';
import { runSd, unetEps, type Output, type RunDeps } from './sd-runs';
import type { SdPack } from './sd-pack';

export interface Denoiser {
  /** ε for the latents x before scheduler step i. */
  eps(x: Float32Array, i: number): Promise<Float32Array>;
  /** The latents to carry on after step i produced x. */
  settle(x: Float32Array, i: number): Float32Array;
}

export interface DenoiseInput {
  pack: SdPack;
  sched: Scheduler;
  text: Output;
  /** Latent mask, 1 = repaint. */
  mask: Float32Array;
  guidance: number;
  size: { w: number; h: number };
  deps: RunDeps;
}

export function inpaintDenoiser(d: DenoiseInput & { masked: Float32Array; cfg: boolean }): Denoiser {
  const rows = d.cfg ? 2 : 1;
  return {
    async eps(x, i) {
      const sample = unetSample(x, d.sched.inputScale(i), d.mask, d.masked, rows);
      const eps = await unetEps(d.pack.models.unet, sample, [rows, 9, d.size.h, d.size.w], d.sched.timesteps[i]!, d.text, d.deps);
      return d.cfg ? guide(eps, d.guidance) : eps;
    },
    settle: (x) => x,
  };
}

export function lcmDenoiser(d: DenoiseInput & { image: Float32Array; noise: Float32Array }): Denoiser {
  const unet = d.pack.models.unet;
  const variant = unet.match.variant;
  const dim = variant.kind === 'sd-lcm-unet' && variant.condDim !== null ? variant.condDim : 256;
  const cond = guidanceEmbedding(d.guidance, dim);
  const ac = alphasCumprod(d.pack.schedule);
  const { w, h } = d.size;
  return {
    async eps(x, i) {
      const feeds = {
        sample: { values: x, dims: [1, 4, h, w] },
        timestep: { values: [d.sched.timesteps[i]!], dims: [1] },
        encoder_hidden_states: { values: d.text.data, dims: [1, ...d.text.dims.slice(1)] },
        timestep_cond: { values: cond, dims: [1, dim] },
      };
      return (await runSd(unet, feeds, ['out_sample'], d.deps)).data;
    },
    settle(x, i) {
      const next = d.sched.timesteps[i + 1];
      const known = next === undefined ? d.image : noisedTo(d.image, d.noise, ac[Math.round(next)]!);
      return blendKnown(x, known, d.mask);
    },
  };
}
