// Runs in: engine process (pure). DPM-Solver++(2M) with Karras σs (DPMSolverMultistepScheduler with
// use_karras_sigmas, algorithm dpmsolver++, midpoint, final σ 0): σ ramp from σ_max to σ_min (ρ = 7),
// integer timesteps from log-σ interpolation, first order on the first and the last step.
// Latents stay in the DDPM scale (init_noise_sigma 1, no input scaling): α_t = 1/√(σ²+1), σ_t = σ·α_t.
import { alphasCumprod, karrasSigmas, sigmasOf, stepsForStrength, timestepOfSigma } from './schedule';
import type { Scheduler, SchedulerOptions } from './types';

export function dpmpp2mKarras({ steps, strength, config }: SchedulerOptions): Scheduler {
  const table = sigmasOf(alphasCumprod(config));
  const ramp = karrasSigmas(table[0]!, table[table.length - 1]!, steps);
  const kept = ramp.slice(steps - stepsForStrength(steps, strength));
  const timesteps = kept.map((s) => Math.round(timestepOfSigma(table, s)));
  const sigmas = [...kept, 0];
  const alphaT = (s: number) => 1 / Math.sqrt(s * s + 1);
  const lambda = (s: number) => (s === 0 ? Infinity : Math.log(alphaT(s)) - Math.log(s * alphaT(s)));
  let previousX0: Float32Array | undefined;
  return {
    name: 'dpmpp-2m-karras',
    timesteps,
    initNoiseSigma: 1,
    inputScale: () => 1,
    step(eps, i, x) {
      const [s, next] = [sigmas[i]!, sigmas[i + 1]!];
      const [aS, sS] = [alphaT(s), s * alphaT(s)];
      const x0 = new Float32Array(x.length);
      for (let k = 0; k < x.length; k++) x0[k] = (x[k]! - sS * eps[k]!) / aS;
      const last = i === timesteps.length - 1;
      const prev = previousX0;
      previousX0 = x0;
      if (next === 0) return x0; // σ → 0: the solution is the data prediction itself
      const [aT, sT] = [alphaT(next), next * alphaT(next)];
      const h = lambda(next) - lambda(s);
      const cx = sT / sS;
      const c0 = -aT * (Math.exp(-h) - 1);
      const out = new Float32Array(x.length);
      if (!prev || last) {
        for (let k = 0; k < x.length; k++) out[k] = cx * x[k]! + c0 * x0[k]!;
        return out;
      }
      const r0 = (lambda(s) - lambda(sigmas[i - 1]!)) / h;
      for (let k = 0; k < x.length; k++) {
        const d1 = (x0[k]! - prev[k]!) / r0;
        out[k] = cx * x[k]! + c0 * x0[k]! + 0.5 * c0 * d1;
      }
      return out;
    },
    addNoise(x0, noise) {
      const a = alphaT(sigmas[0]!);
      return x0.map((v, k) => a * v + sigmas[0]! * a * noise[k]!);
    },
  };
}
