// Runs in: engine process (pure). What one generation costs: how many calls of each SD model it makes
// (text encoder once per run; VAE encode once, twice when strength < 1; per variant the scheduler's steps,
// each a UNet evaluation of 2 rows with guidance > 1 or 1 without, and one VAE decode; an outpaint repeats
// all of that per window, one variant each), and what those calls take at a given speed per call.
import { createScheduler, SD15_SCHEDULE, type SchedulerName } from '../diffusion/schedulers/index';

export interface CostSettings { variants: number; steps: number; guidance: number; strength: number; scheduler: SchedulerName }

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

/** ms per call of each model at one processing size on one device, and the rest of a job. */
export interface SdSpeed {
  textMs: number;
  encodeMs: number;
  /** One UNet evaluation by batch rows ("1", "2"); a missing one is scaled from the other. */
  unetMs: Partial<Record<'1' | '2', number>>;
  decodeMs: number;
  /** Opening the pack's sessions, when the pack is not loaded. */
  loadMs: number;
  /** The first UNet evaluation on fresh sessions takes this many steady ones more (warm-up; 1: twice as long). */
  firstExtraRatio: number;
  /** Per result: crop, resizes, blend, the result's asset and proxy. */
  otherMs: number;
}

export interface CostParts { loadMs: number; textMs: number; encodeMs: number; denoiseMs: number; decodeMs: number; otherMs: number }

/** Denoising steps the scheduler really runs (strength < 1 skips the first ones, as the pipeline does). */
export function schedulerSteps(s: Pick<CostSettings, 'steps' | 'strength' | 'scheduler'>): number {
  return createScheduler(s.scheduler, { steps: s.steps, strength: s.strength, config: SD15_SCHEDULE, randn: (n) => new Float32Array(n) }).timesteps.length;
}

export function sdCalls(s: CostSettings, windows = 0): SdCalls {
  const rows = s.guidance > 1 ? 2 : 1;
  const steps = schedulerSteps(windows > 0 ? { ...s, strength: 1 } : s);
  if (windows > 0) return { runs: windows, text: windows, encode: windows, unet: windows * steps, rows, decode: windows, results: windows };
  return { runs: 1, text: 1, encode: s.strength < 1 ? 2 : 1, unet: s.variants * steps, rows, decode: s.variants, results: s.variants };
}

/** One UNet evaluation of `rows`: measured at that batch, else scaled by rows from the other. */
export function unetMs(speed: Pick<SdSpeed, 'unetMs'>, rows: 1 | 2): number {
  const exact = speed.unetMs[rows === 1 ? '1' : '2'];
  if (exact !== undefined) return exact;
  const other = speed.unetMs[rows === 1 ? '2' : '1'];
  return other === undefined ? 0 : (other * rows) / (rows === 1 ? 2 : 1);
}

export function estimateParts(calls: SdCalls, speed: SdSpeed, loaded: boolean): CostParts {
  return {
    loadMs: loaded ? 0 : speed.loadMs + speed.firstExtraRatio * unetMs(speed, calls.rows),
    textMs: calls.text * speed.textMs,
    encodeMs: calls.encode * speed.encodeMs,
    denoiseMs: calls.unet * unetMs(speed, calls.rows),
    decodeMs: calls.decode * speed.decodeMs,
    otherMs: calls.results * speed.otherMs,
  };
}

export const totalMs = (p: CostParts): number => p.loadMs + p.textMs + p.encodeMs + p.denoiseMs + p.decodeMs + p.otherMs;
