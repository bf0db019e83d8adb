// Runs in: engine process (pure). What every SD scheduler shares (model-contracts §5.6): the pack's
// scheduler_config.json read with diffusers' defaults, ᾱ_t, σ_t, timestep spacings and σ interpolation.

export const TRAIN_STEPS = 1000;

/** The scheduler_config.json keys the maths uses; absent keys take diffusers' defaults for SD 1.5. */
export interface ScheduleConfig {
  betaStart: number;
  betaEnd: number;
  betaSchedule: 'scaled_linear' | 'linear';
  trainSteps: number;
  stepsOffset: number;
  setAlphaToOne: boolean;
  /** Only when the file has the key: each scheduler class otherwise applies its own default. */
  spacing?: 'leading' | 'linspace' | 'trailing';
}

export const SD15_SCHEDULE: ScheduleConfig = {
  betaStart: 0.00085,
  betaEnd: 0.012,
  betaSchedule: 'scaled_linear',
  trainSteps: TRAIN_STEPS,
  stepsOffset: 1,
  setAlphaToOne: false,
};

/** Reads a scheduler_config.json object; unknown or odd values fall back to SD 1.5's. */
export function parseScheduleConfig(json: unknown): ScheduleConfig {
  const o = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const num = (k: string, d: number) => (typeof o[k] === 'number' && Number.isFinite(o[k]) ? (o[k] as number) : d);
  const spacing = o.timestep_spacing;
  return {
    betaStart: num('beta_start', SD15_SCHEDULE.betaStart),
    betaEnd: num('beta_end', SD15_SCHEDULE.betaEnd),
    betaSchedule: o.beta_schedule === 'linear' ? 'linear' : 'scaled_linear',
    trainSteps: Math.max(2, Math.round(num('num_train_timesteps', TRAIN_STEPS))),
    stepsOffset: Math.round(num('steps_offset', SD15_SCHEDULE.stepsOffset)),
    setAlphaToOne: o.set_alpha_to_one === true,
    ...(spacing === 'leading' || spacing === 'linspace' || spacing === 'trailing' ? { spacing } : {}),
  };
}

/** ᾱ_t = ∏(1 − β), β = linspace(√β₀, √β₁, T)² ("scaled_linear") or linspace(β₀, β₁, T), in float64. */
export function alphasCumprod(c: ScheduleConfig): Float64Array {
  const out = new Float64Array(c.trainSteps);
  const scaled = c.betaSchedule === 'scaled_linear';
  const [a, b] = scaled ? [Math.sqrt(c.betaStart), Math.sqrt(c.betaEnd)] : [c.betaStart, c.betaEnd];
  let acc = 1;
  for (let i = 0; i < c.trainSteps; i++) {
    const v = a + ((b - a) * i) / (c.trainSteps - 1);
    acc *= 1 - (scaled ? v * v : v);
    out[i] = acc;
  }
  return out;
}

/** σ_t = √((1 − ᾱ_t)/ᾱ_t) for every training timestep. */
export function sigmasOf(alphas: Float64Array): Float64Array {
  return alphas.map((a) => Math.sqrt((1 - a) / a));
}

/** "leading": t_i = i·⌊T/n⌋ + offset, descending (PNDM, DDIM; for n = 50: 981, 961, …, 1). */
export function leadingTimesteps(n: number, c: ScheduleConfig): number[] {
  const ratio = Math.floor(c.trainSteps / n);
  return Array.from({ length: n }, (_, i) => (n - 1 - i) * ratio + c.stepsOffset);
}

/** Float timesteps for σ-based schedulers: "linspace" (their class default) T−1 … 0, or leading/trailing. */
export function floatTimesteps(n: number, c: ScheduleConfig, spacing: ScheduleConfig['spacing'] = 'linspace'): number[] {
  const T = c.trainSteps;
  if (spacing === 'leading') {
    const ratio = Math.floor(T / n);
    return Array.from({ length: n }, (_, i) => (n - 1 - i) * ratio + c.stepsOffset);
  }
  if (spacing === 'trailing') return Array.from({ length: n }, (_, i) => Math.round(T - (i * T) / n) - 1);
  return Array.from({ length: n }, (_, i) => (n === 1 ? T - 1 : ((T - 1) * (n - 1 - i)) / (n - 1)));
}

/** σ at a fractional timestep: linear interpolation in the σ table (np.interp, as diffusers does). */
export function sigmaAt(sigmas: Float64Array, t: number): number {
  const last = sigmas.length - 1;
  const tc = Math.min(last, Math.max(0, t));
  const lo = Math.floor(tc);
  const f = tc - lo;
  return f === 0 ? sigmas[lo]! : sigmas[lo]! * (1 - f) + sigmas[Math.min(last, lo + 1)]! * f;
}

/** The fractional timestep of σ: interpolation in log σ (diffusers' _sigma_to_t). */
export function timestepOfSigma(sigmas: Float64Array, sigma: number): number {
  const ls = Math.log(Math.max(sigma, 1e-10));
  // log σ increases with t; find lo with logσ[lo] ≤ ls ≤ logσ[lo+1].
  let lo = 0;
  while (lo < sigmas.length - 2 && Math.log(sigmas[lo + 1]!) < ls) lo++;
  const [a, b] = [Math.log(sigmas[lo]!), Math.log(sigmas[lo + 1]!)];
  const w = Math.min(1, Math.max(0, (a - ls) / (a - b)));
  return lo + w;
}

/** Karras et al. (2022) σ ramp with ρ = 7, from σ_max down to σ_min, n values. */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, n: number, rho = 7): number[] {
  const [lo, hi] = [sigmaMin ** (1 / rho), sigmaMax ** (1 / rho)];
  return Array.from({ length: n }, (_, i) => (hi + (n === 1 ? 0 : i / (n - 1)) * (lo - hi)) ** rho);
}

/** How many of `steps` a strength < 1 runs (diffusers: min(⌊steps·strength⌋, steps), at least 1). */
export function stepsForStrength(steps: number, strength: number): number {
  return Math.max(1, Math.min(steps, Math.floor(steps * strength)));
}

/** a·x + b·y, element-wise, as float32. */
export function axpby(a: number, x: Float32Array, b: number, y: Float32Array): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = a * x[i]! + b * y[i]!;
  return out;
}
