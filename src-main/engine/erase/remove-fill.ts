// Runs in: engine process (and the CLI). Content-aware fill with the best installed eraser: `auto` is the
// eraser Remove uses when one is installed (eraser-pack.ts: the user's choice, else MI-GAN, else LaMa), else
// Telea for thin marks and PatchMatch for the rest (as before); `migan` and `lama` ask for that eraser and
// say how to get it when it is missing. PatchMatch and Telea run in the fill worker, the erasers through
// the shared session pool (erase.ts).
import { AnyfillError } from '../../../src-shared/contract/errors';
import { runFill } from '../fill/fill-client';
import type { FillMethod, FillProgress, FillRequest, FillResult } from '../fill/types';
import type { InferenceQueue } from '../runtime/inference-queue';
import type { SessionPool } from '../runtime/session-pool';
import { maskThickness, THIN_MASK_RADIUS } from '../selection/mask-thickness';
import { eraseFill } from './erase';
import { findEraserPack, noEraser, openEraser } from './eraser-pack';

export type RequestedMethod = FillMethod | 'auto';

export interface RemoveFillDeps {
  modelsDir: string;
  pool: SessionPool;
  queue: InferenceQueue;
  signal?: AbortSignal;
  onProgress?: (p: FillProgress) => void;
}

/** The fill's result and, for an eraser, the pack that made it (for the pipeline log). */
export interface RemoveFillResult {
  result: FillResult;
  packId?: string;
  device?: string;
}

export async function removeFill(
  req: Omit<FillRequest, 'method'> & { method: RequestedMethod },
  deps: RemoveFillDeps,
): Promise<RemoveFillResult> {
  const wanted = req.method === 'migan' || req.method === 'lama' ? req.method : undefined;
  const eraser = wanted || req.method === 'auto' ? await findEraserPack(deps.modelsDir, wanted) : null;
  if (wanted && !eraser) throw new AnyfillError('NOT_FOUND', noEraser(wanted));
  const opts = { ...(deps.onProgress ? { onProgress: deps.onProgress } : {}), ...(deps.signal ? { signal: deps.signal } : {}) };
  if (eraser) {
    const { run, device, method } = await openEraser(deps.modelsDir, eraser, deps);
    return { result: await eraseFill({ ...req, method }, run, opts), packId: eraser.packId, device };
  }
  const { width, height } = req.image;
  const method =
    req.method === 'auto' ? (maskThickness({ width, height, data: req.mask }) <= THIN_MASK_RADIUS ? 'telea' : 'patchmatch') : req.method;
  return { result: await runFill({ ...req, method }, opts) };
}
