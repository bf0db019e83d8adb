// Runs in: engine process and its ORT worker thread. The messages between them, and tensors as plain
// data (type, dims, a typed array whose buffer is transferred) since ort.Tensor objects cannot cross.
// [Note: resident tensors] A tensor fed on every run (a SAM image embedding, SD's text embeddings) crosses
// once: sent with `hold: id` the worker keeps it, later runs send `{ held: id }` instead of megabytes.
import type { AnyfillErrorData } from '../../../src-shared/contract/errors';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import type { OpenOptions } from './create-session';
import type { InferenceSession, Tensor, TensorType } from './ort';

export interface TensorData {
  type: TensorType;
  dims: number[];
  data: Tensor['data'];
  /** Keep it under this id. */ hold?: number;
}
/** A tensor the worker holds already. */
export interface HeldRef {
  held: number;
}
export type TensorMap = Record<string, TensorData>;
export type FeedMap = Record<string, TensorData | HeldRef>;

export type Request =
  | { id: number; op: 'open'; filePath: string; opts: OpenOptions }
  | { id: number; op: 'run'; sid: number; feeds: FeedMap }
  | { id: number; op: 'release'; sid: number }
  /** Tests only: the worker exits as if it had died. */
  | { id: number; op: 'crash' };

export interface OpenedData {
  sid: number;
  device: DeviceInfo;
  /** What had to change for the file to load (create-session.ts); empty when nothing. */
  applied: string[];
  inputNames: string[];
  outputNames: string[];
  inputMetadata: InferenceSession['inputMetadata'];
  outputMetadata: InferenceSession['outputMetadata'];
}

/** A held tensor a run referred to is no longer in the worker: thrown there, crossed as `missing`, rethrown here (the engine resends it). */
export class MissingHeldTensor extends Error {
  constructor(readonly heldId: number) {
    super(`held tensor ${heldId} is no longer in the worker`);
  }
}

/** A run's outputs, and how long session.run itself took inside the worker (the model's own time). */
export interface RunData {
  outputs: TensorMap;
  runMs: number;
}

export type Reply =
  /** `evicted`: held tensors the worker dropped to stay within its budget. */
  | { id: number; ok: true; value: OpenedData | RunData | null; evicted?: number[] }
  /**
   * `error`: an AnyfillError's data; `raw`: ORT's own text, mapped on the engine side (runError);
   * `missing`: a held tensor the worker no longer has (the engine sends it again).
   */
  | { id: number; ok: false; error?: AnyfillErrorData; raw?: string; missing?: number; evicted?: number[] };

/**
 * Copies of the tensors, with the buffers to transfer: the copies move, never the sender's arrays (the
 * caller may reuse its feeds; ORT's outputs may be views on memory it owns). `resident(name, tensor)`
 * says how to send a feed the worker may hold: by reference, to be held, or (undefined) plainly.
 */
export function packTensors(
  tensors: Record<string, Tensor>,
  resident: (t: Tensor) => HeldRef | { hold: number } | undefined = () => undefined,
  /** The caller gives the arrays up (a run's outputs in the worker): whole buffers move without a copy. */
  move = false,
): { map: FeedMap; transfer: ArrayBuffer[] } {
  const map: FeedMap = {};
  const transfer: ArrayBuffer[] = [];
  for (const [name, t] of Object.entries(tensors)) {
    const how = resident(t);
    if (how && 'held' in how) {
      map[name] = how;
      continue;
    }
    const src = t.data;
    const whole =
      ArrayBuffer.isView(src) && src.byteOffset === 0 && src.byteLength === src.buffer.byteLength && src.buffer instanceof ArrayBuffer;
    const data = move && whole ? src : ArrayBuffer.isView(src) ? (src.slice() as typeof src) : [...src];
    if (ArrayBuffer.isView(data)) transfer.push(data.buffer as ArrayBuffer);
    map[name] = { type: t.type, dims: [...t.dims], data, ...how };
  }
  return { map, transfer };
}

/** Tensors rebuilt in this thread's ORT module (the other thread's Tensor class is not ours). */
export function unpackTensors(
  map: TensorMap,
  Ctor: new (type: TensorType, data: Tensor['data'], dims: readonly number[]) => Tensor,
): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(map)) out[name] = new Ctor(t.type, t.data, t.dims);
  return out;
}
