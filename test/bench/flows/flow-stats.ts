// Runs in: benchmark (node). Pure arithmetic of the flows benchmark: percentiles, per-step times read off
// the jobs bar's status line, and a generation's total extrapolated from the steps that were measured.

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentile (p in [0, 1]) of unsorted samples; NaN when there are none. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

export function summarize(xs: readonly number[]): Summary | null {
  if (xs.length === 0) return null;
  return { n: xs.length, p50: r1(percentile(xs, 0.5)), p95: r1(percentile(xs, 0.95)), max: r1(Math.max(...xs)) };
}

/** One change of the job's status line, with when the page saw it (ms, the page's clock). */
export type StatusChange = readonly [at: number, text: string | null];

export interface StepTimes {
  /** When each UNet step was reported done, in order ("Variant 1/3: step 4/25"). */
  stepDoneAt: number[];
  /** When each variant's decode was reported done ("Variant 1/3: decoding"). */
  decodedAt: number[];
  /** Time from one step's report to the next within a variant: one step's cost. */
  stepMs: number[];
  /** Last step of a variant → its decode reported: the VAE decode (and safety check, if any). */
  decodeMs: number[];
}

const STEP = /step\s+(\d+)\s*\/\s*(\d+)/i;
const DECODING = /decod/i;

/**
 * Reads the generation's progress from what the jobs bar said, in order. Only the wording "step i/n" and
 * "decoding" is relied on (the engine's phase text, shown as is); a repeated line (time-left refresh) is
 * not a new step.
 */
export function stepTimes(changes: readonly StatusChange[]): StepTimes {
  const out: StepTimes = { stepDoneAt: [], decodedAt: [], stepMs: [], decodeMs: [] };
  let lastPhase = '';
  let lastStepAt: number | null = null;
  let lastStep = 0;
  for (const [at, text] of changes) {
    const phase = (text ?? '').split('·')[0]!.trim();
    if (!phase || phase === lastPhase) continue;
    lastPhase = phase;
    const m = STEP.exec(phase);
    if (m) {
      const step = Number(m[1]);
      // Step 1 of a variant follows the text encoder, the VAE encoder or the previous decode: not a step's
      // cost. Steps reported in one repaint count as one interval shared between them.
      if (lastStepAt !== null && step > lastStep) out.stepMs.push((at - lastStepAt) / (step - lastStep));
      out.stepDoneAt.push(at);
      lastStepAt = at;
      lastStep = step;
    } else if (DECODING.test(phase)) {
      if (lastStepAt !== null) out.decodeMs.push(at - lastStepAt);
      out.decodedAt.push(at);
      lastStepAt = null;
      lastStep = 0;
    }
  }
  return out;
}

export interface TotalModel {
  /** Generate pressed → the first step began (text encoder, VAE encoder, pack loading). */
  preludeMs: number;
  stepMs: number;
  /** One variant's decode; plus what follows the last one (paste back, candidates shown). */
  decodeMs: number;
  finishMs: number;
  variants: number;
  steps: number;
}

/** A whole generation's time from its parts: the prelude once, then per variant its steps and its decode. */
export function extrapolateTotal(m: TotalModel): number {
  return m.preludeMs + m.variants * (m.steps * m.stepMs + m.decodeMs) + m.finishMs;
}

/** The prelude: press → first step reported, less that step itself. */
export function preludeMs(pressAt: number, firstStepAt: number, stepMs: number): number {
  return Math.max(0, firstStepAt - pressAt - stepMs);
}

/**
 * A decode never measured (its run was cancelled first): the step time scaled by the MACs of a VAE decode
 * over those of one step (performance.md §1: 1,257 GMAC vs 803 for a UNet step with guidance).
 */
export function decodeFromStep(stepMs: number, decodeGmac: number, stepGmac: number): number {
  return (stepMs * decodeGmac) / stepGmac;
}

/** CPU used over a wall interval, in cores (1 = one core busy all the time). */
export function coresBusy(cpuMsBefore: number, cpuMsAfter: number, wallMs: number): number {
  return wallMs > 0 ? Math.round(((cpuMsAfter - cpuMsBefore) / wallMs) * 100) / 100 : 0;
}
