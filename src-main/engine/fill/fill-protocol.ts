// Runs in: engine process and the fill worker thread. Messages between runFill and fill-worker.ts.
import type { AnyfillErrorData } from '../../../src-shared/contract/errors';
import type { FillProgress, FillRequest, FillResult } from './types';

/** The request, and a 4-byte shared flag the client sets to 1 to stop the fill. */
export interface FillToWorker {
  req: FillRequest;
  stop: SharedArrayBuffer;
}

export type FillFromWorker =
  { type: 'progress'; progress: FillProgress } | { type: 'done'; result: FillResult } | { type: 'error'; error: AnyfillErrorData };
