// Runs in: engine process (pure). A finished generation's timings → the speed its next estimate uses. Per
// call: the text encoder, VAE encode and decode averaged over their calls; the UNet at the batch it ran,
// its first call of each run left out; the load (opening the sessions) and what a fresh session's first
// UNet call takes beyond a steady one, only from a run that had to open the pack; the rest of the job
// (replaying the selection, resizes, blend, assets) per result. Each figure is averaged with the one kept
// before, so one disturbed run moves an estimate by half its error, not all of it.
import type { PipelineTimings } from '../diffusion/inpaint-pipeline';
import type { SdCalls, SdSpeed } from './sd-cost';

export interface RunMeasure {
  calls: SdCalls;
  timings: Pick<PipelineTimings, 'textMs' | 'encodeMs' | 'unetMs' | 'unetFirstMs' | 'unetCalls' | 'decodeMs'>;
  /** Opening the pack's sessions in this job; 0 when they were open already. */
  openMs: number;
  /** The job from its start to its result. */
  totalMs: number;
}

const mean = (prev: number | undefined, now: number) => (prev === undefined ? now : (prev + now) / 2);

/** rough: what a pack that has never been opened here is assumed to take to load (kept until one is). */
export function calibrate(prev: SdSpeed | undefined, run: RunMeasure, rough: Pick<SdSpeed, 'loadMs'>): SdSpeed {
  const { calls, timings: t } = run;
  const steady = t.unetCalls > calls.runs ? (t.unetMs - t.unetFirstMs) / (t.unetCalls - calls.runs) : t.unetMs / Math.max(1, t.unetCalls);
  const modelMs = t.textMs + t.encodeMs + t.unetMs + t.decodeMs;
  const cold = run.openMs > 0;
  // In one-row evaluations: on CPU a guided step runs its two rows as two runs and only the first one warms up.
  const firstExtra = cold && steady > 0 ? Math.max(0, t.unetFirstMs / steady - 1) * calls.rows : 0;
  const rest = Math.max(0, run.totalMs - run.openMs - modelMs) / Math.max(1, calls.results);
  const rowsKey = calls.rows === 1 ? '1' : '2';
  return {
    textMs: mean(prev?.textMs, t.textMs / Math.max(1, calls.text)),
    encodeMs: mean(prev?.encodeMs, t.encodeMs / Math.max(1, calls.encode)),
    unetMs: { ...prev?.unetMs, [rowsKey]: mean(prev?.unetMs[rowsKey], steady) },
    decodeMs: mean(prev?.decodeMs, t.decodeMs / Math.max(1, calls.decode)),
    loadMs: cold ? mean(prev?.loadMs, run.openMs) : (prev?.loadMs ?? rough.loadMs),
    // Never opened here yet: a fresh session's first UNet call is taken as one more steady call.
    firstExtraRatio: cold ? mean(prev?.firstExtraRatio, firstExtra) : (prev?.firstExtraRatio ?? 1),
    otherMs: mean(prev?.otherMs, rest),
  };
}
