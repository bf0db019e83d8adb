// Runs in: engine process (pure). The shape every scheduler has: a small state machine the pipeline drives
// one UNet call at a time (model-contracts §5.6 for the maths of each).
import { SCHEDULER_NAMES } from '../../../../src-shared/contract/diffusion-payloads';
import type { ScheduleConfig } from './schedule';

export { SCHEDULER_NAMES };
export type SchedulerName = (typeof SCHEDULER_NAMES)[number];

export interface SchedulerOptions {
  /** Denoising steps the user asked for (before strength). */
  steps: number;
  /** 1: start from pure noise; < 1: start from the image latents noised to the matching level. */
  strength: number;
  config: ScheduleConfig;
  /** Fresh N(0,1) values for ancestral noise (Euler a, LCM); the seeded stream of the run. */
  randn: (n: number) => Float32Array;
}

export interface Scheduler {
  readonly name: SchedulerName;
  /** The UNet timestep of each call, in order (PNDM repeats one: n + 1 calls). Fractional for σ-spacings. */
  readonly timesteps: readonly number[];
  /** Pure-noise start: N(0,1) × this. */
  readonly initNoiseSigma: number;
  /** scale_model_input: the factor applied to the 4 latent channels before UNet call i. */
  inputScale(i: number): number;
  /** The latents after UNet call i predicted `eps` for latents `x`. */
  step(eps: Float32Array, i: number, x: Float32Array): Float32Array;
  /** Clean latents x0 noised to the level of the first call (strength < 1). */
  addNoise(x0: Float32Array, noise: Float32Array): Float32Array;
}
