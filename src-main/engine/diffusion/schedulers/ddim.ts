// Runs in: engine process (pure). DDIM with η = 0 (deterministic), "leading" timesteps, n UNet calls.
// x0 = (x − √(1−ᾱ_t)·ε)/√ᾱ_t; x_prev = √ᾱ_prev·x0 + √(1−ᾱ_prev)·ε, prev = t − ⌊T/n⌋.
import { alphasCumprod, axpby, leadingTimesteps, stepsForStrength } from './schedule';
import type { Scheduler, SchedulerOptions } from './types';

export function ddim({ steps, strength, config }: SchedulerOptions): Scheduler {
  const ac = alphasCumprod(config);
  const ratio = Math.floor(config.trainSteps / steps);
  const final = config.setAlphaToOne ? 1 : ac[0]!;
  const timesteps = leadingTimesteps(steps, config).slice(steps - stepsForStrength(steps, strength));
  const abar = (t: number) => (t >= 0 ? ac[t]! : final);
  return {
    name: 'ddim',
    timesteps,
    initNoiseSigma: 1,
    inputScale: () => 1,
    step(eps, i, x) {
      const t = timesteps[i]!;
      const [a, ap] = [abar(t), abar(t - ratio)];
      // x_prev = √ᾱp/√ᾱ·x + (√(1−ᾱp) − √ᾱp·√(1−ᾱ)/√ᾱ)·ε: the two DDIM lines folded into one pass.
      const cx = Math.sqrt(ap / a);
      const ce = Math.sqrt(1 - ap) - Math.sqrt(ap) * Math.sqrt((1 - a) / a);
      return axpby(cx, x, ce, eps);
    },
    addNoise: (x0, noise) => axpby(Math.sqrt(abar(timesteps[0]!)), x0, Math.sqrt(1 - abar(timesteps[0]!)), noise),
  };
}
