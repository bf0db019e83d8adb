// Runs in: renderer. Running an engine job from the UI: it appears in the jobs bar with live progress,
// can be cancelled, and leaves the bar however it ends. Progress arrives as job.progress events.
import { newJobId, type JobId } from '../../src-shared/document/ids';
import { getApi } from '../core/bridge/api';
import { addJob, getJobs, removeJob, updateJob } from './job-store';

/** Runs `invoke` as a job; resolves with its result, rejects (CANCELLED too) like the request does. */
export async function runJob<T>(label: string, invoke: (jobId: JobId) => Promise<T>): Promise<T> {
  const id = newJobId();
  addJob(id, label);
  try {
    return await invoke(id);
  } finally {
    removeJob(id);
  }
}

export async function cancelJob(id: JobId): Promise<void> {
  updateJob(id, { cancelling: true, cancelledAt: performance.now() });
  try {
    await getApi().invoke('job.cancel', { jobId: id });
  } catch {
    // The engine is gone (restarting): its jobs ended with it, and their requests fail on their own.
  }
}

/** Cancel the newest job (Escape, when no menu, dialog or gesture is open). */
export function cancelLatestJob(): boolean {
  const job = [...getJobs()].reverse().find((j) => !j.cancelling);
  if (!job) return false;
  void cancelJob(job.id);
  return true;
}

/** Either host's rejection (an AnyfillError or its plain data) for a cancelled job. */
export { isCancelled } from '../core/bridge/api';

export function installJobEvents(): () => void {
  return getApi().on('job.progress', (p) => {
    const job = getJobs().find((j) => j.id === p.jobId);
    if (!job) return;
    const counted = p.done !== job.progress?.done; // a preview repeats the last figures: not a new unit
    updateJob(p.jobId, {
      progress: p,
      ...(counted ? { unitStartedAt: performance.now() } : {}),
      ...(p.preview ? { preview: p.preview } : {}),
    });
  });
}
