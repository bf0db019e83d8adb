// Runs in: engine process. runFill: a fill in its own worker thread, so the engine keeps answering
// while it runs. Cancel sets the worker's shared stop flag (checked inside its loops) and terminates it
// too, so the promise rejects with CANCELLED at once whatever the worker is doing.
import { AnyfillError, fromErrorData } from '../../../src-shared/contract/errors';
import { startWorker } from '../runtime/start-worker';
import type { FillFromWorker, FillToWorker } from './fill-protocol';
import { cancelled } from './region';
import type { FillProgress, FillRequest, FillResult } from './types';

export interface RunFillOptions { signal?: AbortSignal; onProgress?: (p: FillProgress) => void }

export function runFill(req: FillRequest, opts: RunFillOptions = {}): Promise<FillResult> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) return Promise.reject(cancelled());
  return new Promise<FillResult>((resolve, reject) => {
    const stop = new SharedArrayBuffer(4);
    const worker = startWorker('fill-worker', __dirname);
    let settled = false;
    const finish = (settle: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      settle();
    };
    const onAbort = () => {
      Atomics.store(new Int32Array(stop), 0, 1);
      finish(() => reject(cancelled()));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: FillFromWorker) => {
      if (m.type === 'progress') { if (!settled) onProgress?.(m.progress); }
      else if (m.type === 'done') finish(() => resolve(m.result));
      else finish(() => reject(fromErrorData(m.error)));
    });
    worker.on('error', (err) => finish(() => reject(stopped(err instanceof Error ? (err.stack ?? err.message) : String(err)))));
    worker.on('exit', (code) => finish(() => reject(stopped(`fill worker exited with code ${code}`))));
    // Copies into fresh buffers that are moved, not cloned again: the caller keeps its own pixels.
    const data = new Uint8Array(req.image.data), mask = new Uint8Array(req.mask);
    const msg: FillToWorker = { req: { ...req, image: { ...req.image, data }, mask }, stop };
    try {
      worker.postMessage(msg, [data.buffer, mask.buffer]);
    } catch (err) {
      finish(() => reject(stopped(err instanceof Error ? err.message : String(err))));
    }
  });
}

function stopped(detail: string): AnyfillError {
  return new AnyfillError('INTERNAL', 'The fill stopped unexpectedly; try again.', detail);
}
