// Runs in: engine process. Runs model inferences one at a time: ORT already uses every core for one
// run, so parallel runs on a 2-core machine only contend. FIFO, interactive before background, and
// cancellation before start; a started run finishes (ORT cannot abort inside a run, reliability §3.4).
import { AsyncLocalStorage } from 'node:async_hooks';
import { AnyfillError } from '../../../src-shared/contract/errors';

export type Priority = 'interactive' | 'background';
export interface EnqueueOptions {
  priority?: Priority;
  signal?: AbortSignal;
}
/** The job gets its signal to check between steps (SD denoising); single runs just finish. */
export type Job<T> = (signal: AbortSignal | undefined) => Promise<T> | T;

interface Entry {
  run: () => Promise<void>;
  priority: Priority;
  key?: string;
  cancel: (err: AnyfillError) => void;
}

export class InferenceQueue {
  private readonly pending: Entry[] = [];
  private running = false;
  private scheduled = false;
  private readonly inside = new AsyncLocalStorage<true>();
  private idleWaiters: Array<() => void> = [];

  enqueue<T>(fn: Job<T>, opts: EnqueueOptions = {}): Promise<T> {
    return this.add(fn, opts);
  }

  /** Replaces any *pending* job with the same key (rejected CANCELLED): hover and rapid clicks keep only the newest. */
  latestWins<T>(key: string, fn: Job<T>, opts: EnqueueOptions = {}): Promise<T> {
    for (const e of this.pending.filter((p) => p.key === key)) e.cancel(new AnyfillError('CANCELLED', 'Replaced by a newer request.'));
    return this.add(fn, opts, key);
  }

  /** Jobs waiting to start. */
  get size(): number {
    return this.pending.length;
  }

  get busy(): boolean {
    return this.running;
  }

  /** True when called from inside a running job (releasing a session there must not wait for the queue). */
  insideJob(): boolean {
    return this.inside.getStore() === true;
  }

  /** Resolves when nothing is running or waiting. */
  idle(): Promise<void> {
    if (!this.running && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Rejects every waiting job with CANCELLED (shutdown, model switch); the running one finishes. */
  clear(): void {
    for (const e of [...this.pending]) e.cancel(new AnyfillError('CANCELLED', 'Cancelled.'));
  }

  private add<T>(fn: Job<T>, opts: EnqueueOptions, key?: string): Promise<T> {
    const { priority = 'interactive', signal } = opts;
    if (signal?.aborted) return Promise.reject(new AnyfillError('CANCELLED', 'Cancelled before it started.'));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => entry.cancel(new AnyfillError('CANCELLED', 'Cancelled before it started.'));
      const entry: Entry = {
        priority,
        key,
        run: async () => {
          signal?.removeEventListener('abort', onAbort);
          try {
            resolve(await this.inside.run(true, () => fn(signal)));
          } catch (err) {
            reject(err);
          }
        },
        cancel: (err) => {
          const i = this.pending.indexOf(entry);
          if (i < 0) return;
          this.pending.splice(i, 1);
          signal?.removeEventListener('abort', onAbort);
          reject(err);
          this.notifyIdle();
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // Interactive jobs go before every waiting background job; FIFO within a priority.
      const at = priority === 'interactive' ? this.pending.findIndex((p) => p.priority === 'background') : -1;
      this.pending.splice(at < 0 ? this.pending.length : at, 0, entry);
      this.schedule();
    });
  }

  /** Starts on a microtask, so jobs queued in the same tick are ordered by priority first. */
  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      void this.next();
    });
  }

  private async next(): Promise<void> {
    if (this.running) return;
    const entry = this.pending.shift();
    if (!entry) return this.notifyIdle();
    this.running = true;
    try {
      await entry.run();
    } finally {
      this.running = false;
      if (this.pending.length > 0) this.schedule();
      else this.notifyIdle();
    }
  }

  private notifyIdle(): void {
    if (this.running || this.pending.length > 0) return;
    for (const w of this.idleWaiters.splice(0)) w();
  }
}
