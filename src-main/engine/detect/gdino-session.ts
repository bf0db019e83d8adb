// Runs in: engine process (and the CLI). The Grounding DINO session of a pack, from the shared session pool
// and checked against its layout once, and the one thin call per model run: through the shared inference
// queue, inputs cast to the dtypes the file declares, outputs read back as logits + boxes.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { findCatalogPack } from '../models/catalog';
import { resolvePackFile } from '../models/pack-files';
import { checkContract, type ContractMatch } from '../runtime/check-contract';
import { providersFor, type PackDevice } from '../runtime/execution-providers';
import type { InferenceQueue } from '../runtime/inference-queue';
import { isOutOfMemory } from '../runtime/model-errors';
import type { InferenceSession, Outputs, Tensor } from '../runtime/ort';
import { runModel } from '../runtime/run-model';
import type { SessionPool } from '../runtime/session-pool';
import { inputTensor, readFloat32, type InputValues } from '../runtime/tensors';
import type { ModelOutput } from './postprocess';

export interface GdinoModel {
  packId: string;
  /** The session pool key (the same one Verify uses, so a verify never drops a session in use). */
  key: string;
  session: InferenceSession;
  match: ContractMatch;
  device: DeviceInfo;
  /** Names the model in messages: "Grounding DINO (gdino-tiny)". */
  label: string;
}

export interface RunDeps {
  pool: SessionPool;
  queue: InferenceQueue;
  signal?: AbortSignal;
}

const checked = new WeakMap<InferenceSession, ContractMatch>();

export async function openGdino(modelsDir: string, manifest: PackManifest, pool: SessionPool): Promise<GdinoModel> {
  const pack: PackDevice = findCatalogPack(manifest.packId) ?? { family: manifest.family, recommendedDevice: 'any' };
  const key = `${manifest.packId}/model`;
  const label = `Grounding DINO (${manifest.packId})`;
  const file = resolvePackFile(modelsDir, manifest, 'model');
  const { session, device } = await pool.get(key, file, { providers: providersFor(pack), label, pack });
  let match = checked.get(session);
  if (!match) {
    match = checkContract(session, manifest.layout, 'model');
    checked.set(session, match);
  }
  return { packId: manifest.packId, key, session, match, device, label };
}

/** One input by name: values and dims; cast to the declared dtype by inputTensor. */
export type PassInputs = Record<string, { values: InputValues; dims: readonly number[] }>;

/** One model run. Inputs the file does not declare (optional pixel_mask, token_type_ids) are left out. */
export async function runPass(model: GdinoModel, inputs: PassInputs, deps: RunDeps): Promise<ModelOutput> {
  const feeds: Record<string, Tensor> = {};
  for (const [name, meta] of model.match.inputs) {
    const input = inputs[name];
    if (!input) throw new AnyfillError('INTERNAL', `${model.label}: no value for the model input "${name}".`);
    feeds[name] = inputTensor(meta, input.values, input.dims);
  }
  let outputs: Outputs;
  try {
    outputs = await deps.queue.enqueue((signal) => runModel(model.session, feeds, model.label, signal), {
      priority: 'interactive',
      signal: deps.signal,
    });
  } catch (err) {
    // A CUDA session is unusable after an arena OOM (reliability §3.4): the next run opens a fresh one.
    if (isOutOfMemory(err)) void deps.pool.release(model.key);
    throw err;
  }
  return readOutputs(model, outputs);
}

function readOutputs(model: GdinoModel, outputs: Outputs): ModelOutput {
  const logitsT = outputs.logits;
  const boxesT = outputs.pred_boxes ?? outputs.boxes;
  const [b, queries, textLen] = logitsT?.dims ?? [];
  if (!logitsT || !boxesT || b !== 1 || !queries || !textLen || boxesT.dims.join() !== `1,${queries},4`) {
    const shape = (t: typeof logitsT) => (t ? `[${t.dims.join(',')}]` : 'missing');
    throw new AnyfillError(
      'INTERNAL',
      `${model.label} returned logits ${shape(logitsT)} and boxes ${shape(boxesT)}; expected [1,Q,T] and [1,Q,4].`,
    );
  }
  const logits = readFloat32(logitsT);
  const boxes = readFloat32(boxesT);
  // −inf is how the model pads the text axis; NaN means a broken run (fp16 on CPU, Pitfall 11).
  if (logits.some(Number.isNaN) || boxes.some(Number.isNaN)) {
    throw new AnyfillError(
      'INTERNAL',
      `${model.label} produced invalid numbers (NaN): on CPU use an fp32 pack, or verify the pack in Models….`,
    );
  }
  return { logits, boxes, queries, textLen };
}
