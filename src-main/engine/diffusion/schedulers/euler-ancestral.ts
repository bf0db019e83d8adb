// Runs in: engine process (pure). Euler ancestral (k-diffusion's sample_euler_ancestral as diffusers'
// EulerAncestralDiscreteScheduler): float timesteps ("linspace" unless the config names a spacing),
// σ interpolated at each, 0 appended; input scaled by 1/√(σ²+1); each step goes down to σ_down
// deterministically and adds fresh noise of size σ_up.
import { alphasCumprod, floatTimesteps, sigmaAt, sigmasOf, stepsForStrength } from './schedule';
import type { Scheduler, SchedulerOptions } from './types';

export function eulerAncestral({ steps, strength, config, randn }: SchedulerOptions): Scheduler {
  const table = sigmasOf(alphasCumprod(config));
  const spacing = config.spacing ?? 'linspace';
  const all = floatTimesteps(steps, config, spacing);
  const timesteps = all.slice(steps - stepsForStrength(steps, strength));
  const sigmas = [...timesteps.map((t) => sigmaAt(table, t)), 0];
  // diffusers: σ_max for linspace/trailing, √(σ_max² + 1) for leading (σ_max of the chosen timesteps).
  const sMax = sigmaAt(table, all[0]!);
  const initNoiseSigma = spacing === 'leading' ? Math.sqrt(sMax * sMax + 1) : sMax;
  return {
    name: 'euler-a',
    timesteps,
    initNoiseSigma,
    inputScale: (i) => 1 / Math.sqrt(sigmas[i]! ** 2 + 1),
    step(eps, i, x) {
      const [s, next] = [sigmas[i]!, sigmas[i + 1]!];
      const up = Math.sqrt((next * next * (s * s - next * next)) / (s * s));
      const down = Math.sqrt(next * next - up * up);
      // x0 = x − σ·ε, so the derivative (x − x0)/σ is ε itself.
      const dt = down - s;
      const noise = up > 0 ? randn(x.length) : null;
      const out = new Float32Array(x.length);
      for (let k = 0; k < x.length; k++) out[k] = x[k]! + eps[k]! * dt + (noise ? noise[k]! * up : 0);
      return out;
    },
    addNoise: (x0, noise) => x0.map((v, k) => v + sigmas[0]! * noise[k]!),
  };
}
