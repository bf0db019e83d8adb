// Runs in: tests (Node). The schedulers as pure state machines: the spec's known values (ᾱ, σ, spacings,
// init_noise_sigma, Karras σs) and convergence on an exact ε-predictor (what the SD stand-in UNet computes).
import { describe, expect, it } from 'vitest';
import { GaussianStream } from '../../../src-main/engine/diffusion/random';
import { createScheduler, SCHEDULER_NAMES, SD15_SCHEDULE, type SchedulerName } from '../../../src-main/engine/diffusion/schedulers/index';
import { lcmTimesteps } from '../../../src-main/engine/diffusion/schedulers/lcm';
import {
  alphasCumprod,
  karrasSigmas,
  leadingTimesteps,
  parseScheduleConfig,
  sigmasOf,
  timestepOfSigma,
} from '../../../src-main/engine/diffusion/schedulers/schedule';

const ac = alphasCumprod(SD15_SCHEDULE);
const sig = sigmasOf(ac);
const make = (name: SchedulerName, steps: number, strength = 1, seed = 1) => {
  const rng = new GaussianStream(seed);
  return createScheduler(name, { steps, strength, config: SD15_SCHEDULE, randn: (n) => rng.take(n) });
};

describe('schedule constants (model-contracts §5.6)', () => {
  it('scaled_linear ᾱ and σ', () => {
    expect(ac[0]).toBeCloseTo(0.99915, 6);
    expect(ac[999]).toBeCloseTo(0.0046601, 6);
    expect(sig[999]).toBeCloseTo(14.6146, 3);
    expect(sig[0]).toBeCloseTo(0.02917, 4);
  });

  it('reads the 313-byte config and keeps defaults for missing keys', () => {
    const c = parseScheduleConfig({
      beta_start: 0.00085,
      beta_end: 0.012,
      beta_schedule: 'scaled_linear',
      steps_offset: 1,
      set_alpha_to_one: false,
    });
    expect(c).toEqual(SD15_SCHEDULE);
    expect(parseScheduleConfig({ timestep_spacing: 'leading' }).spacing).toBe('leading');
  });

  it('leading timesteps for 50 steps: 981 … 1; PNDM repeats the second (n + 1 calls)', () => {
    const t = leadingTimesteps(50, SD15_SCHEDULE);
    expect([t[0], t[1], t.at(-1)]).toEqual([981, 961, 1]);
    const p = make('pndm', 50).timesteps;
    expect(p).toHaveLength(51);
    expect(p.slice(0, 4)).toEqual([981, 961, 961, 941]);
    expect(make('ddim', 50).timesteps).toEqual(t);
  });

  it('Euler a: linspace timesteps, init_noise_sigma σ_max = 14.6146, input scale 1/√(σ²+1)', () => {
    const s = make('euler-a', 50);
    expect(s.timesteps[0]).toBe(999);
    expect(s.timesteps[1]).toBeCloseTo(978.612, 2);
    expect(s.initNoiseSigma).toBeCloseTo(14.6146, 3);
    expect(s.inputScale(0)).toBeCloseTo(1 / Math.sqrt(14.6146 ** 2 + 1), 5);
    const leading = createScheduler('euler-a', {
      steps: 50,
      strength: 1,
      config: { ...SD15_SCHEDULE, spacing: 'leading' },
      randn: (n) => new Float32Array(n),
    });
    expect(leading.initNoiseSigma).toBeCloseTo(13.158, 2);
  });

  it('Karras σs (ρ = 7) and their integer timesteps', () => {
    const k = karrasSigmas(sig[0]!, sig[999]!, 10);
    expect(k[0]).toBeCloseTo(14.6146, 3);
    expect(k[9]).toBeCloseTo(0.02917, 4);
    // The ρ-th root is linear in i.
    const roots = k.map((v) => v ** (1 / 7));
    expect(roots[5]! - roots[4]!).toBeCloseTo(roots[1]! - roots[0]!, 10);
    expect(timestepOfSigma(sig, sig[500]!)).toBeCloseTo(500, 6);
    const s = make('dpmpp-2m-karras', 10);
    expect(s.timesteps[0]).toBe(999);
    expect(s.timesteps.at(-1)).toBe(0);
    expect(s.initNoiseSigma).toBe(1);
  });

  it('LCM timesteps are evenly spaced indices into the 50-step origin schedule (diffusers LCMScheduler)', () => {
    // floor(linspace(0, 50, n, endpoint=False)) into 999, 979, …, 19: n = 4 → indices 0, 12, 25, 37.
    expect(lcmTimesteps(4, 1000)).toEqual([999, 759, 499, 259]);
    expect(make('lcm', 4).timesteps).toEqual([999, 759, 499, 259]);
    expect(lcmTimesteps(8, 1000)).toEqual([999, 879, 759, 639, 499, 379, 259, 139]);
    expect(lcmTimesteps(2, 1000)).toEqual([999, 499]);
    // strength shortens the origin schedule to ⌊50·strength⌋ entries: 0.5 → 499, 479, …, 19.
    expect(lcmTimesteps(4, 1000, 0.5)).toEqual([499, 379, 259, 139]);
  });

  it('strength keeps the last ⌊steps·strength⌋ steps', () => {
    expect(make('ddim', 20, 0.5).timesteps).toEqual(leadingTimesteps(20, SD15_SCHEDULE).slice(10));
    expect(make('pndm', 20, 0.5).timesteps).toHaveLength(11);
    expect(make('euler-a', 20, 0.25).timesteps).toHaveLength(5);
  });
});

/** ε of the stand-in UNet: exact noise toward a known clean latent x0 (ᾱ at the rounded timestep). */
function run(name: SchedulerName, steps: number, strength = 1) {
  const target = Float32Array.from({ length: 256 }, (_, i) => Math.sin(i) * 0.8 + 0.3);
  const s = make(name, steps, strength, 7);
  const noise = new GaussianStream(99).take(target.length);
  let x =
    strength < 1
      ? s.addNoise(
          target.map((v) => v * 0.5),
          noise,
        )
      : noise.map((v) => v * s.initNoiseSigma);
  s.timesteps.forEach((t, i) => {
    const a = ac[Math.min(999, Math.max(0, Math.round(t)))]!;
    const k = s.inputScale(i);
    const eps = x.map((v, j) => (v * k - Math.sqrt(a) * target[j]!) / Math.sqrt(1 - a));
    x = s.step(eps, i, x);
  });
  // RMS: DDIM/PNDM end at ᾱ_0 = 0.99915 (set_alpha_to_one false), leaving ≈ 0.03 of noise by design.
  return Math.sqrt(x.reduce((s, v, j) => s + (v - target[j]!) ** 2, 0) / x.length);
}

describe('every scheduler converges on an exact ε-predictor', () => {
  it.each(SCHEDULER_NAMES.map((n) => [n]))('%s, 20 steps and strength 0.6', (name) => {
    expect(run(name, name === 'lcm' ? 4 : 20)).toBeLessThan(0.04);
    expect(run(name, 20, 0.6)).toBeLessThan(0.04);
  });

  it('a wrong update (DDIM with PNDM timesteps misread) would not: sanity of the check', () => {
    const s = make('ddim', 20);
    let x = new GaussianStream(3).take(16);
    for (let i = 0; i < s.timesteps.length; i++) x = s.step(new Float32Array(16), i, x); // ε = 0: never denoises
    expect(Math.max(...x.map(Math.abs))).toBeGreaterThan(0.5);
  });
});
