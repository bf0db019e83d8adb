// Runs in: engine process. Loads onnxruntime-node on first use and names the types the runtime shares.
import type * as Ort from 'onnxruntime-node';
import type { DeviceInfo } from '../../../src-shared/contract/model-payloads';

export type OrtModule = typeof Ort;
export type InferenceSession = Ort.InferenceSession;
export type Tensor = Ort.Tensor;
export type TensorType = Ort.Tensor.Type;
export type Feeds = Ort.InferenceSession.FeedsType;
export type Outputs = Ort.InferenceSession.ReturnType;
/** One entry of `session.inputMetadata` / `outputMetadata` that is a tensor (the only kind our models use). */
export type TensorMeta = Ort.InferenceSession.TensorValueMetadata;
export type DeviceName = DeviceInfo['name'];

let ort: OrtModule | undefined;

/**
 * The native binding takes a while to load and most engine requests never touch a model, so it is
 * required lazily. require, not import(): the engine is a CommonJS bundle and packaged apps load it
 * from an asar.
 */
export function loadOrt(): OrtModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ort ??= require('onnxruntime-node') as OrtModule;
  return ort;
}

/** Input metadata by name; non-tensor inputs (sequences, maps) are left out, no model of ours has one. */
export function tensorMetas(metas: readonly Ort.InferenceSession.ValueMetadata[]): Map<string, TensorMeta> {
  const out = new Map<string, TensorMeta>();
  for (const m of metas) if (m.isTensor) out.set(m.name, m);
  return out;
}
