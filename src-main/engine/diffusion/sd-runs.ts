// Runs in: engine process (and the CLI). One thin call per SD model run: through the shared inference
// queue (so runs never overlap and a cancel before the run is honoured), inputs cast to the dtypes and
// ranks the file declares (f32/f16, int32/int64 ids, the timestep f32/f16/i64 as [1] or a scalar),
// outputs read back as float32. Batch-1-only exports get one run per batch row.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { InferenceQueue } from '../runtime/inference-queue';
import { isOutOfMemory } from '../runtime/model-errors';
import type { Tensor } from '../runtime/ort';
import { runModel } from '../runtime/run-model';
import type { SessionPool } from '../runtime/session-pool';
import { inputTensor, readFloat32, type InputValues } from '../runtime/tensors';
import type { SdModel } from './types';

export interface RunDeps {
  pool: SessionPool;
  queue: InferenceQueue;
  signal?: AbortSignal;
  /** One batch row per UNet run (guidance's pair as two runs): half the UNet's working memory, for CPU. */
  oneRowPerRun?: boolean;
}
export interface Feed {
  values: InputValues;
  dims: readonly number[];
}
export interface Output {
  data: Float32Array;
  dims: readonly number[];
}

/** One session.run with the given named inputs; returns the first of `outputs` the model has. */
export async function runSd(model: SdModel, inputs: Record<string, Feed>, outputs: readonly string[], deps: RunDeps): Promise<Output> {
  const feeds: Record<string, Tensor> = {};
  for (const [name, meta] of model.match.inputs) {
    const input = inputs[name];
    if (!input) throw new AnyfillError('INTERNAL', `${model.label}: no value for the model input "${name}".`);
    feeds[name] = inputTensor(meta, input.values, input.dims);
  }
  try {
    const out = await deps.queue.enqueue((signal) => runModel(model.session, feeds, model.label, signal), {
      priority: 'background',
      signal: deps.signal,
    });
    const name = outputs.find((n) => out[n]);
    if (!name) throw new AnyfillError('INTERNAL', `${model.label} returned none of ${outputs.join(', ')}.`);
    const t = out[name]!;
    return { data: readFloat32(t), dims: t.dims };
  } catch (err) {
    // A CUDA session is unusable after an arena OOM (reliability §3.4): the next run opens a fresh one.
    if (isOutOfMemory(err)) void deps.pool.release(model.key);
    throw err;
  }
}

/** True when the model's input fixes the batch axis at 1 (then a CFG pair runs as two calls). */
export function batchOne(model: SdModel, input: string): boolean {
  return model.match.inputs.get(input)?.shape[0] === 1;
}

/** input_ids [B,77] → last_hidden_state [B,77,D], batched when the export allows it. */
export async function encodeText(model: SdModel, rows: Int32Array[], deps: RunDeps): Promise<Output> {
  const one = async (ids: Int32Array) => runSd(model, { input_ids: { values: ids, dims: [1, ids.length] } }, ['last_hidden_state'], deps);
  if (batchOne(model, 'input_ids') && rows.length > 1) return stack(await sequential(rows.map((r) => () => one(r))));
  const all = new Int32Array(rows.reduce((n, r) => n + r.length, 0));
  rows.forEach((r, i) => all.set(r, i * r.length));
  return runSd(model, { input_ids: { values: all, dims: [rows.length, rows[0]!.length] } }, ['last_hidden_state'], deps);
}

/** The UNet's ε for a batch: sample [B,9,h,w], one timestep, encoder_hidden_states [B,77,D]. */
export async function unetEps(
  model: SdModel,
  sample: Float32Array,
  dims: readonly number[],
  t: number,
  text: Output,
  deps: RunDeps,
): Promise<Float32Array> {
  const [b, c, h, w] = dims as [number, number, number, number];
  const run = (s: Float32Array, rows: number, e: Float32Array) =>
    runSd(
      model,
      {
        sample: { values: s, dims: [rows, c, h, w] },
        timestep: { values: [t], dims: [1] },
        encoder_hidden_states: { values: e, dims: [rows, ...text.dims.slice(1)] },
      },
      ['out_sample'],
      deps,
    );
  if (b > 1 && (deps.oneRowPerRun || batchOne(model, 'sample'))) {
    const [per, perText] = [c * h * w, text.data.length / b];
    const parts = await sequential(
      Array.from(
        { length: b },
        (_, i) => () => run(sample.subarray(i * per, (i + 1) * per), 1, text.data.subarray(i * perText, (i + 1) * perText)),
      ),
    );
    return stack(parts).data;
  }
  return (await run(sample, b, text.data)).data;
}

async function sequential<T>(jobs: Array<() => Promise<T>>): Promise<T[]> {
  const out: T[] = [];
  for (const j of jobs) out.push(await j());
  return out;
}

function stack(parts: Output[]): Output {
  const data = new Float32Array(parts.reduce((n, p) => n + p.data.length, 0));
  let at = 0;
  for (const p of parts) data.set(p.data, (at += p.data.length) - p.data.length);
  return { data, dims: [parts.length, ...parts[0]!.dims.slice(1)] };
}
