// Runs in: engine process (pure). What one generation costs: how many calls of each SD model it makes
// (text encoder once per run; VAE encode once, twice when strength < 1; per variant the scheduler's steps,
// each a UNet evaluation of 2 rows with guidance > 1 or 1 without, and one VAE decode; an outpaint repeats
// all of that per window, one variant each), and what those calls take at a given speed per call.
import { lcmSettings } from '../diffusion/lcm-settings';
import { unetMs, type SdSpeed } from '../diffusion/sd-speed';
import { createScheduler, SD15_SCHEDULE, type SchedulerName } from '../diffusion/schedulers/index';

export { unetMs, type SdSpeed };

export interface CostSettings {
  variants: number;
  steps: number;
  guidance: number;
  strength: number;
  scheduler: SchedulerName;
}

export interface SdCalls {
  /** Pipeline runs: 1 for a fill, one per window for an outpaint. */
  runs: number;
  text: number;
  encode: number;
  /** UNet evaluations, each of `rows` batch rows. */
  unet: number;
  rows: 1 | 2;
  decode: number;
  /** Results made (variants, or windows): the per-result work outside the models (resize, blend, proxies). */
  results: number;
}

export interface CostParts {
  loadMs: number;
  textMs: number;
  encodeMs: number;
  denoiseMs: number;
  decodeMs: number;
  otherMs: number;
}

/** Denoising steps the scheduler really runs (strength < 1 skips the first ones, as the pipeline does). */
export function schedulerSteps(s: Pick<CostSettings, 'steps' | 'strength' | 'scheduler'>): number {
  return createScheduler(s.scheduler, { steps: s.steps, strength: s.strength, config: SD15_SCHEDULE, randn: (n) => new Float32Array(n) })
    .timesteps.length;
}

/**
 * lcm: an LCM pack, which runs one UNet row (its guidance is an embedding) at its own few steps whatever was
 * asked, and encodes only the image (latent blending; inpaint-pipeline.ts, lcm-settings.ts).
 */
export function sdCalls(s: CostSettings & { lcm?: boolean }, windows = 0): SdCalls {
  const run = s.lcm ? { ...s, ...lcmSettings(s.steps) } : s;
  const rows = !s.lcm && s.guidance > 1 ? 2 : 1;
  const steps = schedulerSteps(windows > 0 ? { ...run, strength: 1 } : run);
  if (windows > 0) return { runs: windows, text: windows, encode: windows, unet: windows * steps, rows, decode: windows, results: windows };
  return {
    runs: 1,
    text: 1,
    encode: s.lcm || s.strength >= 1 ? 1 : 2,
    unet: s.variants * steps,
    rows,
    decode: s.variants,
    results: s.variants,
  };
}

export function estimateParts(calls: SdCalls, speed: SdSpeed, loaded: boolean): CostParts {
  return {
    loadMs: loaded ? 0 : speed.loadMs + speed.firstExtraRatio * unetMs(speed, 1),
    textMs: calls.text * speed.textMs,
    encodeMs: calls.encode * speed.encodeMs,
    denoiseMs: calls.unet * unetMs(speed, calls.rows),
    decodeMs: calls.decode * speed.decodeMs,
    otherMs: calls.results * speed.otherMs,
  };
}

export const totalMs = (p: CostParts): number => p.loadMs + p.textMs + p.encodeMs + p.denoiseMs + p.decodeMs + p.otherMs;
