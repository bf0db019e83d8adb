// Runs in: engine process. Starts the ORT worker threads (one per runtime lane: lanes.ts) and carries
// requests to them. If a worker dies (a native crash), every pending request fails with a clear error and the next
// request starts a fresh worker; sessions of the dead worker are marked stopped (worker-session.ts).
import type { Worker } from 'node:worker_threads';
import { AnyfillError, fromErrorData } from '../../../src-shared/contract/errors';
import type { RuntimeLane } from './lanes';
import { startWorker } from './start-worker';
import { MissingHeldTensor, type Reply, type Request } from './worker-protocol';

type Body = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export function runtimeStopped(): AnyfillError {
  return new AnyfillError('INTERNAL', 'The model runtime stopped unexpectedly; try again.');
}

export class OrtClient {
  /** Resident tensors this worker holds, as far as its replies tell ([Note: resident tensors]). */
  readonly held = new Set<number>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped = false;

  constructor(
    private readonly worker: Worker,
    private readonly onStop: (client: OrtClient) => void,
  ) {
    worker.unref();
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', () => this.stop());
    worker.on('exit', () => this.stop());
  }

  get alive(): boolean {
    return !this.stopped;
  }

  request<T>(body: Body, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.stopped) return Promise.reject(runtimeStopped());
    const id = this.nextId++;
    // Referenced only while a request is pending: an idle worker must not keep the CLI or a test alive.
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        this.worker.postMessage({ ...body, id }, transfer);
      } catch (err) {
        // Data that cannot be cloned: fail this request only.
        this.settle({ id, ok: false, raw: err instanceof Error ? err.message : String(err) });
      }
    });
  }

  private settle(reply: Reply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    for (const id of reply.evicted ?? []) this.held.delete(id);
    if (reply.ok) p.resolve(reply.value);
    else if (reply.missing !== undefined) {
      this.held.delete(reply.missing);
      p.reject(new MissingHeldTensor(reply.missing));
    } else p.reject(reply.error ? fromErrorData(reply.error) : new Error(reply.raw ?? 'unknown error'));
  }

  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.onStop(this);
    for (const p of this.pending.values()) p.reject(runtimeStopped());
    this.pending.clear();
  }
}

const clients = new Map<RuntimeLane, OrtClient>();
const stopListeners = new Set<(client: OrtClient) => void>();

/** The lane's worker, started on first use and again after it died. */
export function ortClient(lane: RuntimeLane = 'interactive'): OrtClient {
  const current = clients.get(lane);
  if (current?.alive) return current;
  const started = new OrtClient(startWorker('ort-worker', __dirname, { workerData: { lane } }), (c) => {
    if (clients.get(lane) === c) clients.delete(lane);
    for (const fn of stopListeners) fn(c);
  });
  clients.set(lane, started);
  return started;
}

/** Called with the client whose worker died (worker-session.ts marks its sessions stopped). */
export function onClientStopped(fn: (client: OrtClient) => void): void {
  stopListeners.add(fn);
}
