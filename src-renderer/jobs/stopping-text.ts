// Runs in: renderer (pure). What the jobs bar says once Cancel is pressed: the engine stops at the next
// model-run boundary (ORT cannot stop inside a run, so the step in flight finishes first), and nothing of
// the job reaches the document. The wait is the step's pace (the engine's time left per remaining unit)
// less the time the step has already run when Cancel was pressed.
import type { JobProgress } from '../../src-shared/contract/job-payloads';

export interface StoppingFacts {
  progress?: JobProgress;
  /** When the latest unit of work began: the renderer's clock at the progress event that counted it. */
  unitStartedAt?: number;
  /** When Cancel was pressed (same clock). */
  cancelledAt?: number;
}

/** ms until the step in flight ends, or undefined when the pace is not known yet. */
export function stepLeftMs(f: StoppingFacts): number | undefined {
  const p = f.progress;
  if (!p || p.state !== 'running' || p.etaMs === undefined || p.done >= p.total) return undefined;
  if (f.unitStartedAt === undefined || f.cancelledAt === undefined) return undefined;
  const perUnit = p.etaMs / (p.total - p.done);
  return Math.max(0, perUnit - (f.cancelledAt - f.unitStartedAt));
}

export function stoppingText(f: StoppingFacts): string {
  const left = stepLeftMs(f);
  if (left === undefined) return 'Stopping after this step…';
  return left < 1500 ? 'Stopping after this step (a moment)…' : `Stopping after this step (about ${Math.round(left / 1000)} s)…`;
}
