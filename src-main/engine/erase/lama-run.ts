// Runs in: engine process (and the CLI). LaMa's one session call per crop: the crop resized to the
// export's fixed size (lama-tensors.ts), run through the shared inference queue, the `output` tensor
// checked for its shape and range, and the answer resized back to the crop.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { InferenceQueue } from '../runtime/inference-queue';
import type { InferenceSession, TensorMeta } from '../runtime/ort';
import { runModel } from '../runtime/run-model';
import { hasNonFinite, inputTensor, readFloat32 } from '../runtime/tensors';
import type { EraseModel } from './erase';
import { fromLamaOutput, toLamaInput } from './lama-tensors';

export interface LamaSession {
  session: InferenceSession;
  metas: ReadonlyMap<string, TensorMeta>;
  /** The export's fixed side (variant `lama-fixed`). */
  size: number;
  label: string;
}

export function lamaRun(s: LamaSession, deps: { queue: InferenceQueue; signal?: AbortSignal }): EraseModel {
  return async (crop) => {
    const [, , ch, cw] = crop.dims.image as [number, number, number, number];
    const input = toLamaInput(crop, s.size);
    const feeds = {
      image: inputTensor(s.metas.get('image')!, input.image, input.dims.image),
      mask: inputTensor(s.metas.get('mask')!, input.mask, input.dims.mask),
    };
    const outputs = await deps.queue.enqueue((signal) => runModel(s.session, feeds, s.label, signal), {
      priority: 'interactive',
      signal: deps.signal,
    });
    const out = outputs.output;
    if (!out || out.dims.join() !== input.dims.image.join()) {
      throw new AnyfillError(
        'INTERNAL',
        `${s.label} returned ${out ? `${out.type} [${out.dims.join(',')}]` : 'no output'}; expected [${input.dims.image.join(',')}].`,
      );
    }
    const values = readFloat32(out);
    // fp16 on a CPU, or a broken file, gives NaN (model-contracts Pitfall 11): never paste that.
    if (hasNonFinite(values))
      throw new AnyfillError('INTERNAL', `${s.label} returned NaN or infinite values; nothing was changed. Try Verify in Models….`);
    return fromLamaOutput(values, s.size, cw, ch);
  };
}
