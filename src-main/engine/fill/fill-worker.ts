// Runs in: fill worker thread. One fill per worker: receives a request, runs fillSync off the engine's
// event loop, posts progress and the result (its buffer transferred), then exits.
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../../src-shared/contract/errors';
import { fillSync } from './fill';
import type { FillToWorker, FillFromWorker } from './fill-protocol';

const port = parentPort;
if (!port) throw new Error('fill-worker must run as a worker thread');

port.once('message', (msg: FillToWorker) => {
  const stop = new Int32Array(msg.stop);
  const post = (m: FillFromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    const result = fillSync(msg.req, {
      shouldStop: () => Atomics.load(stop, 0) !== 0,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', result }, [result.rgba.buffer as ArrayBuffer]);
  } catch (err) {
    post({ type: 'error', error: toErrorData(err) });
  }
  port.close();
});
