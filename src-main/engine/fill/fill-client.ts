// Runs in: engine process. runFill: a fill in its own worker thread, so the engine keeps answering
// while it runs. Cancel sets the worker's shared stop flag (checked inside its loops) and terminates it
// too, so the promise rejects with CANCELLED at once whatever the worker is doing.
import { AnyfillError, fromErrorData } from '../../../src-shared/contract/errors';
import { startWorker } from '../runtime/start-worker';
import { cropRequest, uncrop } from './fill-crop';
import type { FillFromWorker, FillToWorker } from './fill-protocol';
import { cancelled } from './region';
import type { FillProgress, FillRequest, FillResult } from './types';

export interface RunFillOptions {
  signal?: AbortSignal;
  onProgress?: (p: FillProgress) => void;
}

export function runFill(req: FillRequest, opts: RunFillOptions = {}): Promise<FillResult> {
  const { signal, onProgress } = opts;
  if (signal?.aborted) return Promise.reject(cancelled());
  let cropped: ReturnType<typeof cropRequest>;
  try {
    cropped = cropRequest(req);
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
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
      if (m.type === 'progress') {
        if (!settled) onProgress?.(m.progress);
      } else if (m.type === 'done') finish(() => resolve(uncrop(m.result, cropped)));
      else finish(() => reject(fromErrorData(m.error)));
    });
    worker.on('error', (err) => finish(() => reject(stopped(err instanceof Error ? (err.stack ?? err.message) : String(err)))));
    worker.on('exit', (code) => finish(() => reject(stopped(`fill worker exited with code ${code}`))));
    // The crop's fresh buffers are moved, not cloned again: the caller keeps its own pixels.
    const msg: FillToWorker = { req: cropped.req, stop };
    try {
      worker.postMessage(msg, [cropped.req.image.data.buffer as ArrayBuffer, cropped.req.mask.buffer as ArrayBuffer]);
    } catch (err) {
      finish(() => reject(stopped(err instanceof Error ? err.message : String(err))));
    }
  });
}

function stopped(detail: string): AnyfillError {
  return new AnyfillError('INTERNAL', 'The fill stopped unexpectedly; try again.', detail);
}
