// Runs in: CLI and tests (Node). SD 1.x numeric constants shared by the stand-in models and tests.
// [Note: stand-in latent map] The VAE stand-in's colour ↔ latent map. For an 8×8 block with mean colour
// (r,g,b) in [−1,1], the *scaled* latent (what the UNet works on) is
//   z = (0.5r + 0.7, 0.5g + 0.7, 0.5b + 0.7, (r+g+b)/6)
// and vae_encoder outputs the *unscaled* z / 0.18215. The offset 0.7 makes scaling mistakes visible even
// on pure colours: a latent left unscaled decodes near-white, a latent not divided before decoding decodes
// near-black (pure colours would otherwise survive the ×5.5 and the clipping).

export const VAE_SCALING = 0.18215;
export const LATENT_GAIN = 0.5;
export const LATENT_OFFSET = 0.7;

/** Scaled latent of a flat colour, rgb in [−1,1]. */
export function colourLatent(rgb: readonly number[]): number[] {
  const [r = 0, g = 0, b = 0] = rgb;
  return [LATENT_GAIN * r + LATENT_OFFSET, LATENT_GAIN * g + LATENT_OFFSET, LATENT_GAIN * b + LATENT_OFFSET, (r + g + b) / 6];
}

/** The 4×3 matrix and bias of colourLatent, row-major. */
export const LATENT_MATRIX = [
  [LATENT_GAIN, 0, 0],
  [0, LATENT_GAIN, 0],
  [0, 0, LATENT_GAIN],
  [1 / 6, 1 / 6, 1 / 6],
] as const;
export const LATENT_BIAS = [LATENT_OFFSET, LATENT_OFFSET, LATENT_OFFSET, 0] as const;

export const TRAIN_TIMESTEPS = 1000;

/** ᾱ_t for SD 1.x: betas = linspace(√0.00085, √0.012, 1000)², ᾱ = cumprod(1 − β) (float64). */
export function alphasCumprod(): Float64Array {
  const out = new Float64Array(TRAIN_TIMESTEPS);
  const [a, b] = [Math.sqrt(0.00085), Math.sqrt(0.012)];
  let acc = 1;
  for (let i = 0; i < TRAIN_TIMESTEPS; i++) {
    const s = a + ((b - a) * i) / (TRAIN_TIMESTEPS - 1);
    acc *= 1 - s * s;
    out[i] = acc;
  }
  return out;
}

/** scheduler/scheduler_config.json exactly as the runwayml inpainting repo ships it (313 bytes). */
export function pndmSchedulerConfigJson(): string {
  const config = {
    _class_name: 'PNDMScheduler',
    _diffusers_version: '0.6.0.dev0',
    beta_end: 0.012,
    beta_schedule: 'scaled_linear',
    beta_start: 0.00085,
    num_train_timesteps: 1000,
    set_alpha_to_one: false,
    skip_prk_steps: true,
    steps_offset: 1,
    trained_betas: null,
    clip_sample: false,
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
