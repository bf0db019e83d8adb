// Runs in: engine process. One throwaway run right after a session opens, so the user's first real
// run does not pay for kernel set-up, allocation planning or CUDA's algorithm search (performance §4.7).
// It is queued as background work: a waiting interactive run always goes first.
import { performance } from 'node:perf_hooks';
import type { InferenceQueue } from './inference-queue';
import { errorText, firstLine } from './model-errors';
import type { InferenceSession, Tensor, TensorMeta } from './ort';
import { tensorMetas } from './ort';
import { inputTensor } from './tensors';

export interface WarmUpHints {
  /** Dims per input; by default fixed dims as declared, dynamic spatial dims 64 and other dynamic dims 1. */
  dims?: Record<string, readonly number[]>;
  /** Fill value per input (default from FILL below, else 0). */
  fill?: Record<string, number>;
  signal?: AbortSignal;
}

/** ms: how long the run took; ok false (with the reason) when it failed or was cancelled, which is harmless. */
export interface WarmUpResult {
  ok: boolean;
  ms: number;
  reason?: string;
}

// Zeros break a few inputs: a 0×0 orig_im_size asks the SAM 1 decoder for an empty mask.
const FILL: Record<string, number> = { orig_im_size: 64, attention_mask: 1, pixel_mask: 1 };

export async function warmUp(session: InferenceSession, queue: InferenceQueue, hints: WarmUpHints = {}): Promise<WarmUpResult> {
  try {
    return await queue.enqueue(
      async () => {
        const feeds = dummyFeeds(session, hints);
        const start = performance.now();
        await session.run(feeds);
        return { ok: true, ms: performance.now() - start };
      },
      { priority: 'background', signal: hints.signal },
    );
  } catch (err) {
    return { ok: false, ms: 0, reason: firstLine(errorText(err)) };
  }
}

/** Inputs of the declared dtypes and shapes, filled with a constant. */
export function dummyFeeds(session: InferenceSession, hints: WarmUpHints = {}): Record<string, Tensor> {
  const metas = tensorMetas(session.inputMetadata);
  const sizes = dynamicSizes([...metas.values()]);
  const feeds: Record<string, Tensor> = {};
  for (const [name, meta] of metas) {
    const dims = hints.dims?.[name] ?? meta.shape.map((d) => (typeof d === 'number' ? d : (sizes.get(d) ?? 1)));
    const count = dims.reduce((a, b) => a * b, 1);
    const value = hints.fill?.[name] ?? FILL[name] ?? 0;
    feeds[name] = inputTensor(meta, new Array<number>(count).fill(value), dims);
  }
  return feeds;
}

/**
 * One size per dynamic dim name, so inputs sharing a name agree (pixel_values and pixel_mask share
 * height and width): NCHW height and width get 64, a valid size for every model here (the UNet halves
 * it 3 times); batch, sequence and point counts get 1.
 */
function dynamicSizes(metas: TensorMeta[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const m of metas) {
    m.shape.forEach((d, i) => {
      if (typeof d === 'string' && m.shape.length === 4 && i >= 2) sizes.set(d, 64);
    });
  }
  return sizes;
}
