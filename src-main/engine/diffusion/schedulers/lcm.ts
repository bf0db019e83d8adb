// Runs in: engine process (pure). The LCM scheduler (Luo et al. 2023, diffusers LCMScheduler) for
// latent-consistency UNets / LCM-LoRA merges: timesteps are n evenly spaced indices (floor of
// linspace(0, len, n, endpoint=False)) into the 50-step origin schedule t = 20k − 1, reversed; strength < 1
// shortens that origin schedule to ⌊50·strength⌋ entries (diffusers scheduling_lcm.py set_timesteps,
// commit 013e60c). Each step predicts x0, applies the consistency boundary condition (c_skip, c_out with
// σ_data 0.5, timestep scaling 10) and re-noises to the next timestep.
import { alphasCumprod } from './schedule';
import type { Scheduler, SchedulerOptions } from './types';

const ORIGIN_STEPS = 50;
const SIGMA_DATA = 0.5;
const TIMESTEP_SCALING = 10;

/** The LCM timesteps for n steps (4 → 999, 759, 499, 259); n is capped at the origin schedule's length. */
export function lcmTimesteps(n: number, trainSteps: number, strength = 1): number[] {
  const c = Math.floor(trainSteps / ORIGIN_STEPS);
  const len = Math.max(1, Math.floor(ORIGIN_STEPS * strength));
  const origin = Array.from({ length: len }, (_, i) => (len - i) * c - 1);
  const count = Math.min(n, len);
  return Array.from({ length: count }, (_, i) => origin[Math.floor((i * len) / count)]!);
}

export function lcm({ steps, strength, config, randn }: SchedulerOptions): Scheduler {
  const ac = alphasCumprod(config);
  const final = config.setAlphaToOne ? 1 : ac[0]!;
  const timesteps = lcmTimesteps(steps, config.trainSteps, strength);
  const abar = (t: number) => (t >= 0 ? ac[t]! : final);
  return {
    name: 'lcm',
    timesteps,
    initNoiseSigma: 1,
    inputScale: () => 1,
    step(eps, i, x) {
      const t = timesteps[i]!;
      const a = abar(t);
      const st = t * TIMESTEP_SCALING;
      const cSkip = SIGMA_DATA ** 2 / (st * st + SIGMA_DATA ** 2);
      const cOut = st / Math.sqrt(st * st + SIGMA_DATA ** 2);
      const denoised = new Float32Array(x.length);
      for (let k = 0; k < x.length; k++) denoised[k] = cOut * ((x[k]! - Math.sqrt(1 - a) * eps[k]!) / Math.sqrt(a)) + cSkip * x[k]!;
      if (i === timesteps.length - 1) return denoised;
      const ap = abar(timesteps[i + 1]!);
      const noise = randn(x.length);
      return denoised.map((v, k) => Math.sqrt(ap) * v + Math.sqrt(1 - ap) * noise[k]!);
    },
    addNoise(x0, noise) {
      const a = abar(timesteps[0]!);
      return x0.map((v, k) => Math.sqrt(a) * v + Math.sqrt(1 - a) * noise[k]!);
    },
  };
}
