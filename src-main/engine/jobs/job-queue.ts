// Runs in: engine process. [Note: jobs] Long-running work (fills now, diffusion next) runs one job at a
// time in arrival order: two CPU-heavy jobs side by side would each take twice as long and double the
// peak memory. Every job reports progress as job.progress events and can be cancelled while queued
// (it never starts) or running (its AbortSignal fires; the work stops at its next check).
import { AnyfillError, toErrorData } from '../../../src-shared/contract/errors';
import type { JobProgress } from '../../../src-shared/contract/job-payloads';
import type { JobId } from '../../../src-shared/document/ids';
import { ProgressThrottle } from './progress-throttle';

export interface JobControl {
  readonly signal: AbortSignal;
  /**
   * done of total units of work (weighted by cost, so equal units take about equal time), and what is
   * being done; throttled before it reaches the renderer. lastPart: the job is in its last part (only
   * then may the time left read "almost done"); by default once 90 % of the units are done.
   */
  report(done: number, total: number, phase: string, lastPart?: boolean): void;
  /** A small image of the work in progress (a data URL); sent at once with the last progress figures. */
  preview(dataUrl: string): void;
  /** ms per unit this machine measured for this work before (a calibrated generation): time left until measured. */
  expectPace(msPerUnit: number): void;
}

/** Where a job's progress goes: the engine context (its emit) or anything shaped like it. */
export interface JobEvents {
  emit(event: 'job.progress', payload: JobProgress): void;
}

interface Entry {
  id: JobId;
  kind: JobProgress['kind'];
  ctx: JobEvents;
  abort: AbortController;
  start: () => void;
}

export const cancelledError = (): AnyfillError => new AnyfillError('CANCELLED', 'Cancelled.');

export class JobQueue {
  private readonly waiting: Entry[] = [];
  private running: Entry | undefined;

  /** now: the clock progress is timed by (tests pass a fake one). */
  constructor(private readonly now?: () => number) {}

  run<T>(ctx: JobEvents, id: JobId, kind: JobProgress['kind'], work: (job: JobControl) => Promise<T>): Promise<T> {
    if (this.running?.id === id || this.waiting.some((e) => e.id === id)) {
      return Promise.reject(new AnyfillError('BAD_REQUEST', 'That job is already running.', id));
    }
    return new Promise<T>((resolve, reject) => {
      const abort = new AbortController();
      const entry: Entry = { id, kind, ctx, abort, start: () => void this.execute(entry, work).then(resolve, reject) };
      // A job cancelled while it waits rejects at once and is never started.
      abort.signal.addEventListener('abort', () => {
        const at = this.waiting.indexOf(entry);
        if (at < 0) return;
        this.waiting.splice(at, 1);
        this.emitEnd(entry, 'cancelled');
        reject(cancelledError());
        this.announcePositions();
      });
      this.waiting.push(entry);
      this.announcePositions();
      this.next();
    });
  }

  /** true when the job was queued or running (it ends with CANCELLED), false when unknown or over. */
  cancel(id: JobId): boolean {
    const entry = this.running?.id === id ? this.running : this.waiting.find((e) => e.id === id);
    if (!entry || entry.abort.signal.aborted) return false;
    entry.abort.abort(cancelledError());
    return true;
  }

  private next(): void {
    if (this.running) return;
    const entry = this.waiting.shift();
    if (!entry) return;
    this.running = entry;
    this.announcePositions();
    entry.start();
  }

  private async execute<T>(entry: Entry, work: (job: JobControl) => Promise<T>): Promise<T> {
    const throttle = new ProgressThrottle(this.now);
    const emit = (p: Omit<JobProgress, 'jobId' | 'kind'>) => entry.ctx.emit('job.progress', { jobId: entry.id, kind: entry.kind, ...p });
    // The last figures sent, repeated with a preview; null once the job has ended (a late preview is dropped).
    let last: Omit<JobProgress, 'jobId' | 'kind'> | null = { state: 'running', done: 0, total: 1, phase: 'Starting' };
    const control: JobControl = {
      signal: entry.abort.signal,
      report: (done, total, phase, lastPart = done >= 0.9 * total) => {
        const shown = throttle.accept(done, total);
        if (!shown || !last) return;
        last = { state: 'running', done, total, phase, lastPart, ...(shown.etaMs !== undefined ? { etaMs: shown.etaMs } : {}) };
        emit(last);
      },
      preview: (dataUrl) => {
        if (last && !entry.abort.signal.aborted) emit({ ...last, preview: dataUrl });
      },
      expectPace: (msPerUnit) => throttle.expectPace(msPerUnit),
    };
    try {
      emit({ state: 'running', done: 0, total: 1, phase: 'Starting' });
      if (entry.abort.signal.aborted) throw cancelledError();
      const result = await work(control);
      if (entry.abort.signal.aborted) throw cancelledError(); // cancel won the race: the result is dropped
      this.emitEnd(entry, 'done');
      return result;
    } catch (err) {
      const cancelled = entry.abort.signal.aborted || (err instanceof AnyfillError && err.code === 'CANCELLED');
      this.emitEnd(entry, cancelled ? 'cancelled' : 'failed', cancelled ? undefined : err);
      throw cancelled ? cancelledError() : err;
    } finally {
      last = null;
      this.running = undefined;
      this.next();
    }
  }

  private emitEnd(entry: Entry, state: 'done' | 'failed' | 'cancelled', err?: unknown): void {
    entry.ctx.emit('job.progress', {
      jobId: entry.id,
      kind: entry.kind,
      state,
      done: 1,
      total: 1,
      phase: state === 'done' ? 'Done' : state === 'cancelled' ? 'Cancelled' : 'Failed',
      ...(err === undefined ? {} : { error: toErrorData(err) }),
    });
  }

  private announcePositions(): void {
    const ahead = this.running ? 1 : 0;
    this.waiting.forEach((e, i) =>
      e.ctx.emit('job.progress', {
        jobId: e.id,
        kind: e.kind,
        state: 'queued',
        position: ahead + i,
        done: 0,
        total: 1,
        phase: 'Waiting for the job ahead',
      }),
    );
  }
}
