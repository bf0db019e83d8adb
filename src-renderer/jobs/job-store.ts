// Runs in: renderer. Jobs the engine is running for this window (fills now, generations next): what the
// jobs bar shows. Not in the document: a job changes the document only when it succeeds.
import { create } from 'zustand';
import type { JobProgress } from '../../src-shared/contract/job-payloads';
import type { JobId } from '../../src-shared/document/ids';

export interface JobView {
  readonly id: JobId;
  /** What the user asked for, e.g. "Content-aware fill of Selection 1". */
  readonly label: string;
  readonly startedAt: number;
  readonly progress?: JobProgress;
  /** The latest look at the work in progress (a small image's data URL), kept between previews. */
  readonly preview?: string;
  /** Cancel was pressed; waiting for the engine to stop. */
  readonly cancelling: boolean;
  /** When the latest unit of work began (the progress event that counted it) and when Cancel was pressed: stopping-text.ts. */
  readonly unitStartedAt?: number;
  readonly cancelledAt?: number;
}

export const useJobs = create<{ readonly jobs: readonly JobView[] }>()(() => ({ jobs: [] }));
export const getJobs = (): readonly JobView[] => useJobs.getState().jobs;

export function addJob(id: JobId, label: string): void {
  useJobs.setState((s) => ({ jobs: [...s.jobs, { id, label, startedAt: performance.now(), cancelling: false }] }));
}

export function updateJob(id: JobId, change: Partial<Omit<JobView, 'id'>>): void {
  useJobs.setState((s) => ({ jobs: s.jobs.map((j) => (j.id === id ? { ...j, ...change } : j)) }));
}

export function removeJob(id: JobId): void {
  useJobs.setState((s) => ({ jobs: s.jobs.filter((j) => j.id !== id) }));
}
