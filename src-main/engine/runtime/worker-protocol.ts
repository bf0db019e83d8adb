// Runs in: engine process and its ORT worker thread. The messages between them, and tensors as plain
// data (type, dims, a typed array whose buffer is transferred) since ort.Tensor objects cannot cross.
import type { AnyfillErrorData } from '../../../src-shared/contract/errors';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';
import type { OpenOptions } from './create-session';
import type { InferenceSession, Tensor, TensorType } from './ort';

export interface TensorData { type: TensorType; dims: number[]; data: Tensor['data'] }
export type TensorMap = Record<string, TensorData>;

export type Request =
  | { id: number; op: 'open'; filePath: string; opts: OpenOptions }
  | { id: number; op: 'run'; sid: number; feeds: TensorMap }
  | { id: number; op: 'release'; sid: number }
  /** Tests only: the worker exits as if it had died. */
  | { id: number; op: 'crash' };

export interface OpenedData {
  sid: number;
  device: DeviceInfo;
  inputNames: string[];
  outputNames: string[];
  inputMetadata: InferenceSession['inputMetadata'];
  outputMetadata: InferenceSession['outputMetadata'];
}

export type Reply =
  | { id: number; ok: true; value: OpenedData | TensorMap | null }
  /** `error`: an AnyfillError's data; `raw`: ORT's own text, mapped on the engine side (runError). */
  | { id: number; ok: false; error?: AnyfillErrorData; raw?: string };

/**
 * Copies of the tensors, with the buffers to transfer: the copies move, never the sender's arrays (the
 * caller may reuse its feeds; ORT's outputs may be views on memory it owns).
 */
export function packTensors(tensors: Record<string, Tensor>): { map: TensorMap; transfer: ArrayBuffer[] } {
  const map: TensorMap = {};
  const transfer: ArrayBuffer[] = [];
  for (const [name, t] of Object.entries(tensors)) {
    const src = t.data;
    const data = ArrayBuffer.isView(src) ? (src.slice() as typeof src) : [...src];
    if (ArrayBuffer.isView(data)) transfer.push(data.buffer as ArrayBuffer);
    map[name] = { type: t.type, dims: [...t.dims], data };
  }
  return { map, transfer };
}

/** Tensors rebuilt in this thread's ORT module (the other thread's Tensor class is not ours). */
export function unpackTensors(map: TensorMap, Ctor: new (type: TensorType, data: Tensor['data'], dims: readonly number[]) => Tensor): Record<string, Tensor> {
  const out: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(map)) out[name] = new Ctor(t.type, t.data, t.dims);
  return out;
}
