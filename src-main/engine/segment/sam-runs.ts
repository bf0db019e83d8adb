// Runs in: engine process (and the CLI). The two model calls, one session.run each through the engine's
// queue: the encoder as background work (it starts when an image opens), the decoder as interactive
// work, latest-wins per key so rapid clicks and hover never pile up.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { Pixels } from '../images/pixels';
import type { InferenceQueue } from '../runtime/inference-queue';
import { loadOrt, type Outputs, type Tensor, type TensorMeta } from '../runtime/ort';
import { markResident } from '../runtime/resident-tensors';
import { runModel } from '../runtime/run-model';
import { workerRunMs } from '../runtime/worker-session';
import { fitDims, hasNonFinite, inputTensor, readFloat32 } from '../runtime/tensors';
import { encoderInput, resizedRgb } from './encoder-input';
import { placementFor } from './geometry';
import { assemblePrompt, maskInput } from './prompt';
import type { SamPack } from './sam-pack';
import { LOW_RES, type Embedding, type EmbeddingTensor, type Prompt } from './types';

/** Runs since the process started, for tests and benchmarks (latest-wins skips show here). */
export const samRunCounts = { encoder: 0, decoder: 0 };

const EMBEDDING_OUTPUTS = { sam1: ['image_embeddings'], sam2: ['image_embed', 'high_res_feats_0', 'high_res_feats_1'] } as const;

export async function encodeImage(
  pack: SamPack,
  pixels: Pixels,
  queue: InferenceQueue,
  priority: 'interactive' | 'background' = 'background',
): Promise<{ embedding: Embedding; modelMs: number }> {
  const { rgb, width, height } = await resizedRgb(pixels, pack.family);
  const input = encoderInput(pack.encoderLayout, rgb, width, height);
  const name = pack.family === 'sam1' ? 'input_image' : 'image';
  const feeds = { [name]: inputTensor(pack.encoder.match.inputs.get(name)!, input.values, input.dims) };
  const label = `${pack.packId} image encoder`;
  const { out, modelMs } = await queue.enqueue(() => timed(() => runModel(pack.encoder.session, feeds, label)), { priority });
  samRunCounts.encoder++;
  const tensors = EMBEDDING_OUTPUTS[pack.family].map((n): EmbeddingTensor => {
    const t = out[n];
    if (!t) throw new AnyfillError('INTERNAL', `${label} returned no ${n}.`);
    // The pair must fit: a decoder expecting other sizes fails here, once, rather than on every click.
    const meta = pack.decoder.match.inputs.get(n);
    if (meta) fitDims(meta, t.dims, t.size);
    const f16 = t.type === 'float16' && t.data instanceof Uint16Array;
    const data = f16 ? (t.data as Uint16Array) : readFloat32(t);
    if (hasNonFinite(f16 ? readFloat32(t) : data))
      throw new AnyfillError('INTERNAL', `${label} produced invalid values (NaN or infinity); try the fp32 pack.`);
    return { name: n, type: f16 ? 'float16' : 'float32', dims: [...t.dims], data };
  });
  return { embedding: { family: pack.family, width: pixels.width, height: pixels.height, tensors }, modelMs };
}

export interface DecodeOptions {
  queue: InferenceQueue;
  /** Same key → only the newest waiting decode runs (the others reject CANCELLED). */
  key?: string;
  /** Default interactive; hover previews wait behind clicks. */
  priority?: 'interactive' | 'background';
  /** Previous low-res logits of the same image and pack (refinement). */
  previous?: Float32Array;
  /**
   * SAM 1's graph also upsamples every mask to orig_im_size (4 × 12 MP floats for a photo); only the
   * low-res output is used, so by default it is asked for a 64-px-long copy ("small"). "image" returns
   * the graph's own full-size masks too (tests compare our upscale with it).
   */
  graphMasks?: 'small' | 'image';
}

export interface DecodeOutput {
  /** Per candidate, 256×256 logits. */
  lowRes: Float32Array[];
  ious: number[];
  modelMs: number;
  queuedMs: number;
  /** SAM 1 with graphMasks 'image': the graph's `masks` [K,H,W]. */
  graphMasks?: Float32Array;
}

export async function decodePrompt(pack: SamPack, embedding: Embedding, prompt: Prompt, opts: DecodeOptions): Promise<DecodeOutput> {
  const { width: w, height: h } = embedding;
  const p = assemblePrompt(pack.family, prompt, placementFor(pack.family, w, h));
  const inputs = pack.decoder.match.inputs;
  const feed = (name: string, values: ArrayLike<number>, dims: number[]) => inputTensor(inputs.get(name)!, values, dims);
  const mask = maskInput(opts.previous);
  if (!mask.has) markResident(mask.data); // the shared zero mask: 256 KB that need not cross every click
  const feeds: Record<string, Tensor> = {
    point_coords: feed('point_coords', p.coords, [1, p.count, 2]),
    point_labels: feed('point_labels', p.labels, [1, p.count]),
    mask_input: feed('mask_input', mask.data, [1, 1, LOW_RES, LOW_RES]),
    has_mask_input: feed('has_mask_input', [mask.has], [1]),
  };
  for (const t of embedding.tensors) {
    // Fed on every click (from the encoder or the disk cache): it crosses to the ORT worker once, not 4+ MB a click.
    markResident(t.data);
    feeds[t.name] = embeddingTensor(inputs.get(t.name)!, t);
  }
  const small = Math.max(w, h) / 64;
  // SAM 2 exports with orig_im_size (ibaiGorordo) upsample themselves: asking for 256² keeps them low-res.
  if (inputs.has('orig_im_size')) {
    const size =
      pack.family === 'sam2'
        ? [LOW_RES, LOW_RES]
        : opts.graphMasks === 'image'
          ? [h, w]
          : [Math.max(1, Math.round(h / small)), Math.max(1, Math.round(w / small))];
    feeds.orig_im_size = feed('orig_im_size', size, [2]);
  }
  const label = `${pack.packId} mask decoder`;
  const enqueued = performance.now();
  const job = () => timed(() => runModel(pack.decoder.session, feeds, label), enqueued);
  const priority = opts.priority ?? 'interactive';
  const run = opts.key ? opts.queue.latestWins(opts.key, job, { priority }) : opts.queue.enqueue(job, { priority });
  const { out, modelMs, queuedMs } = await run;
  samRunCounts.decoder++;
  const low = out[pack.family === 'sam1' ? 'low_res_masks' : 'masks'];
  const iou = out.iou_predictions;
  if (!low || !iou) throw new AnyfillError('INTERNAL', `${label} returned no masks.`);
  const data = readFloat32(low);
  const count = data.length / (LOW_RES * LOW_RES);
  if (!Number.isInteger(count) || count < 1)
    throw new AnyfillError('INTERNAL', `${label} returned masks of shape [${low.dims.join(',')}], not 256×256.`);
  const lowRes = Array.from({ length: count }, (_, k) => data.subarray(k * LOW_RES * LOW_RES, (k + 1) * LOW_RES * LOW_RES));
  const result: DecodeOutput = { lowRes, ious: Array.from(readFloat32(iou)).slice(0, count), modelMs, queuedMs };
  if (opts.graphMasks === 'image' && pack.family === 'sam1' && out.masks) result.graphMasks = readFloat32(out.masks);
  return result;
}

/** The stored tensor as the decoder declares it: no copy when the dtypes agree. */
function embeddingTensor(meta: TensorMeta, t: EmbeddingTensor): Tensor {
  if (meta.type === t.type) return new (loadOrt().Tensor)(t.type, t.data, t.dims);
  return inputTensor(meta, t.type === 'float32' ? t.data : readFloat32(new (loadOrt().Tensor)('float16', t.data, t.dims)), t.dims);
}

/** modelMs: session.run's own time where the worker measured it; the hop to it counts as ours. */
async function timed<T extends Outputs>(
  fn: () => Promise<T>,
  enqueued = performance.now(),
): Promise<{ out: T; modelMs: number; queuedMs: number }> {
  const start = performance.now();
  const out = await fn();
  return { out, modelMs: workerRunMs(out) ?? performance.now() - start, queuedMs: start - enqueued };
}
