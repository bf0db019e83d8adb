// Runs in: renderer. [Note: autosave] When to write a recovery copy, without the store or the engine so it
// can be tested with fake timers: `delayMs` after the last change, one write at a time, never twice for the
// same document value. Every engine call about recovery copies goes through one queue, so a discard
// asked for after an autosave always runs after it (the copy cannot come back).
export interface AutosaveOptions<D> {
  delayMs: number;
  /** Writes the recovery copy; a rejection is reported and not retried until the next change. */
  save(doc: D): Promise<unknown>;
  /** False for documents not worth a copy (empty, or nothing unsaved). */
  wanted(doc: D): boolean;
  onError?(err: unknown): void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export class AutosaveScheduler<D extends object> {
  private current: D | null = null;
  private lastSaved: D | null = null;
  private timer: unknown = null;
  private running = false;
  /** The timer fired while a write was running: write again as soon as it ends. */
  private again = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly opts: AutosaveOptions<D>) {
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** The document changed (or was replaced, or closed: null): restart the wait. */
  changed(doc: D | null): void {
    this.current = doc;
    this.cancelTimer();
    if (doc && doc !== this.lastSaved) this.timer = this.setTimer(() => this.fire(), this.opts.delayMs);
  }

  /** Run an engine call about recovery copies after every write already asked for. */
  enqueue(task: () => Promise<unknown>): Promise<void> {
    const run = this.queue.then(task).then(
      () => undefined,
      (err: unknown) => this.opts.onError?.(err),
    );
    this.queue = run;
    return run;
  }

  /** Resolves once every queued write and discard has ended. */
  idle(): Promise<void> {
    return this.queue;
  }

  dispose(): void {
    this.cancelTimer();
    this.current = null;
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.timer = null;
    if (this.running) {
      this.again = true;
      return;
    }
    const doc = this.current;
    if (!doc || doc === this.lastSaved || !this.opts.wanted(doc)) return;
    this.running = true;
    void this.enqueue(async () => {
      try {
        await this.opts.save(doc);
        this.lastSaved = doc;
      } finally {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.fire();
        }
      }
    });
  }
}
