// Runs in: engine process. Keeps each model's session for the app's lifetime: creating and releasing
// sessions in a loop leaks in onnxruntime-node (reliability §2.3), so a session is created once per key,
// reused, and released only on a model switch, after an out-of-memory error, or at shutdown.
import type { InferenceQueue } from './inference-queue';
import type { RuntimeLane } from './lanes';
import { openSession, type OpenedSession, type OpenOptions } from './open-session';
import { isStopped } from './worker-session';

export type Opener = (filePath: string, opts: OpenOptions) => Promise<OpenedSession>;

interface Entry {
  filePath: string;
  created: Promise<OpenedSession>;
  opened?: OpenedSession;
}

export class SessionPool {
  private readonly entries = new Map<string, Entry>();

  /**
   * `queue`: releases then wait for the run in flight (never release a session while it runs: native crash,
   * reliability §2.3). `lane`: the ORT worker its sessions live in (lanes.ts; interactive when absent). `open`: for tests.
   */
  constructor(private readonly deps: { queue?: InferenceQueue; lane?: RuntimeLane; open?: Opener } = {}) {}

  /** The session for `key`; concurrent calls share one creation. A different file for the key replaces it. */
  get(key: string, filePath: string, opts: OpenOptions): Promise<OpenedSession> {
    this.forgetStopped();
    const hit = this.entries.get(key);
    if (hit && hit.filePath === filePath) return hit.created;
    if (hit) void this.release(key);
    const { lane } = this.deps;
    const created = (this.deps.open ?? openSession)(filePath, lane ? { ...opts, lane } : opts);
    const entry: Entry = { filePath, created };
    this.entries.set(key, entry);
    created.then(
      (o) => (entry.opened = o),
      () => undefined,
    );
    // A failed creation is not cached: the next get tries again (after a re-download, say).
    created.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return created;
  }

  has(key: string): boolean {
    this.forgetStopped();
    return this.entries.has(key);
  }

  keys(): string[] {
    this.forgetStopped();
    return [...this.entries.keys()];
  }

  async release(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    const opened = await entry.created.catch(() => null);
    if (opened) await this.exclusive(() => opened.session.release());
  }

  async releaseWhere(pred: (key: string) => boolean): Promise<void> {
    await Promise.all(
      this.keys()
        .filter(pred)
        .map((k) => this.release(k)),
    );
  }

  releaseAll(): Promise<void> {
    return this.releaseWhere(() => true);
  }

  /** Sessions whose ORT worker died are gone with it: nothing to release, the next get opens anew. */
  private forgetStopped(): void {
    for (const [key, e] of this.entries) if (e.opened && isStopped(e.opened.session)) this.entries.delete(key);
  }

  /** Through the queue so it waits for the run in flight; directly when called from inside a job. */
  private exclusive(fn: () => Promise<void>): Promise<void> {
    const { queue } = this.deps;
    if (!queue || queue.insideJob()) return fn();
    return queue.enqueue(fn, { priority: 'interactive' });
  }
}
