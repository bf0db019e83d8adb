// Runs in: engine process (and the CLI). Download progress math: a moving-average speed, the ETA,
// and a throttle so the UI gets about four updates a second (state changes always go through).
import type { DownloadProgress } from '../../../src-shared/contract/model-payloads';

/** Speed over a sliding window of recent samples (bytes received this session, not resumed ones). */
export class SpeedMeter {
  private samples: { t: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  /** `bytes`: running total received so far this session. */
  sample(bytes: number, now: number): void {
    this.samples.push({ t: now, bytes });
    while (this.samples.length > 2 && now - this.samples[0]!.t > this.windowMs) this.samples.shift();
  }

  bytesPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.t - first.t < 200) return 0;
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.t - first.t));
  }
}

export function etaSeconds(remainingBytes: number, bytesPerSecond: number): number | null {
  if (bytesPerSecond <= 0) return null;
  return Math.max(0, Math.round(remainingBytes / bytesPerSecond));
}

export type ProgressState = DownloadProgress['state'];

/** Builds and throttles progress events for one pack download. */
export class ProgressReporter {
  private readonly meter = new SpeedMeter();
  private readonly sizes: number[];
  private readonly done = new Set<number>();
  private sessionBytes = 0;
  private current = 0;
  private lastEmit = -Infinity;
  private state: ProgressState = 'queued';
  private file: string | undefined;
  private fileIndex = 0;

  /** `sizes`: each file's size, approximate (the catalog's) until the server tells the exact one. */
  constructor(
    private readonly packId: string,
    sizes: number[],
    private readonly emit: (p: DownloadProgress) => void,
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 250,
  ) {
    this.sizes = [...sizes];
  }

  /** A state change: emitted at once. */
  set(state: ProgressState, fileIndex: number, file?: string, error?: DownloadProgress['error']): void {
    this.state = state;
    this.fileIndex = fileIndex;
    this.file = file;
    this.flush(error);
  }

  setFileSize(index: number, bytes: number): void {
    this.sizes[index] = bytes;
  }

  /** Bytes of the current file already on disk (resumed), or 0 after a restart: no speed sample. */
  setCurrent(bytes: number): void {
    this.current = bytes;
  }

  /** Bytes arrived from the network: emitted at most every `intervalMs`. */
  addBytes(n: number): void {
    this.current += n;
    this.sessionBytes += n;
    const t = this.now();
    this.meter.sample(this.sessionBytes, t);
    if (t - this.lastEmit >= this.intervalMs) this.flush();
  }

  fileDone(index: number): void {
    this.done.add(index);
    this.current = 0;
  }

  get receivedBytes(): number {
    let sum = this.current;
    for (const i of this.done) sum += this.sizes[i] ?? 0;
    return sum;
  }

  get totalBytes(): number {
    return Math.max(
      this.sizes.reduce((a, b) => a + b, 0),
      this.receivedBytes,
    );
  }

  snapshot(error?: DownloadProgress['error']): DownloadProgress {
    const received = this.receivedBytes;
    const total = this.totalBytes;
    const speed = this.state === 'downloading' ? this.meter.bytesPerSecond() : 0;
    return {
      packId: this.packId,
      state: this.state,
      ...(this.file === undefined ? {} : { file: this.file }),
      fileIndex: this.fileIndex,
      fileCount: this.sizes.length,
      receivedBytes: received,
      totalBytes: total,
      bytesPerSecond: Math.round(speed),
      etaSeconds: this.state === 'downloading' ? etaSeconds(total - received, speed) : null,
      ...(error ? { error } : {}),
    };
  }

  private flush(error?: DownloadProgress['error']): void {
    this.lastEmit = this.now();
    this.emit(this.snapshot(error));
  }
}
