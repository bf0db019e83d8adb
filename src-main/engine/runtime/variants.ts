// Runs in: engine process. Tells apart the export variants a contract allows, from session metadata,
// so the family code feeds each the way it expects (model-contracts §1.2, §2.3, §5.2, §5.3).
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { ContractId } from './contracts';
import type { TensorMeta, TensorType } from './ort';

export type FloatType = 'float32' | 'float16';

export type Variant =
  /** hwc-preprocess: [h,w,3] 0–255, normalised and padded in the graph; nchw: [1,3,1024,1024] normalised by us. */
  | { kind: 'sam1-encoder'; input: 'hwc-preprocess' | 'nchw'; float: FloatType }
  /** maskCount: 1 (single-mask export), 4 (multimask), or null when the axis is dynamic. */
  | { kind: 'sam1-decoder'; maskCount: number | null; float: FloatType }
  | { kind: 'sam2-encoder'; float: FloatType }
  /** origImSize: ibaiGorordo's export takes the image size (int32) and upsamples itself; samexporter has none. */
  | { kind: 'sam2-decoder'; origImSize: TensorType | null; float: FloatType }
  | { kind: 'gdino'; pixelMask: boolean; tokenTypeIds: boolean; float: FloatType }
  /** Takes the sub-sentence text_token_mask and position_ids (bool masks): multi-phrase prompts in one run. */
  | { kind: 'gdino-idea'; float: FloatType }
  | { kind: 'sd-text-encoder'; ids: 'int32' | 'int64' }
  /** timestep rank 0 (Optimum ≥ Oct 2024) or 1 ([1] or [batch]); dtype f32, f16, i64 or i32. */
  | { kind: 'sd-unet'; timestep: { dtype: TensorType; rank: number }; channels: number | null; float: FloatType }
  /** A latent-consistency UNet: 4 channels, no CFG batch, the guidance embedding of width condDim. */
  | { kind: 'sd-lcm-unet'; timestep: { dtype: TensorType; rank: number }; condDim: number | null; float: FloatType }
  | { kind: 'taesd-decoder'; float: FloatType }
  | { kind: 'taesd-encoder'; float: FloatType }
  /** latent_parameters (Optimum ≥ Sep 2024) is mean ‖ logvar, 8 channels; latent_sample is already sampled. */
  | { kind: 'sd-vae-encoder'; output: 'latent_sample' | 'latent_parameters'; float: FloatType }
  | { kind: 'sd-vae-decoder'; float: FloatType }
  | { kind: 'sd-safety-checker'; float: FloatType }
  /** One variant: uint8 image [1,3,H,W] and mask [1,1,H,W] → result [1,3,H,W]. */
  | { kind: 'migan-pipeline' }
  /** The size the graph was exported at (Carve's: 512 × 512; H and W are fixed, only the batch is dynamic). */
  | { kind: 'lama-fixed'; size: number; float: FloatType };

type Metas = ReadonlyMap<string, TensorMeta>;

export function detectVariant(id: ContractId, name: string, inputs: Metas, outputs: Metas): Variant {
  const meta = (n: string) => inputs.get(n)!;
  const float = (n: string) => meta(n).type as FloatType;
  switch (id) {
    case 'sam1-encoder': {
      const m = meta('input_image');
      const hwc = m.shape.length === 3 && m.shape[2] === 3;
      if (!hwc && !(m.shape.length === 4 && m.shape[1] === 3))
        throw variantError(name, `input_image [${m.shape.join(',')}] is neither [h,w,3] nor [1,3,1024,1024]`);
      return { kind: 'sam1-encoder', input: hwc ? 'hwc-preprocess' : 'nchw', float: m.type as FloatType };
    }
    case 'sam1-decoder':
      return { kind: 'sam1-decoder', maskCount: fixedDim(outputs.get('masks'), 1), float: float('image_embeddings') };
    case 'sam2-encoder':
      return { kind: 'sam2-encoder', float: float('image') };
    case 'sam2-decoder':
      return { kind: 'sam2-decoder', origImSize: inputs.get('orig_im_size')?.type ?? null, float: float('image_embed') };
    case 'gdino':
      return {
        kind: 'gdino',
        pixelMask: inputs.has('pixel_mask'),
        tokenTypeIds: inputs.has('token_type_ids'),
        float: float('pixel_values'),
      };
    case 'gdino-idea':
      return { kind: 'gdino-idea', float: float('img') };
    case 'sd-text-encoder':
      return { kind: 'sd-text-encoder', ids: meta('input_ids').type as 'int32' | 'int64' };
    case 'sd-unet': {
      const channels = fixedDim(meta('sample'), 1);
      // A text-to-image UNet (4 channels) loads and runs, but cannot inpaint: catch it here.
      if (channels !== null && channels !== 9)
        throw variantError(name, `the UNet takes ${channels} input channels; an inpainting UNet takes 9 (use an "inpainting" model)`);
      const t = meta('timestep');
      return { kind: 'sd-unet', timestep: { dtype: t.type, rank: t.shape.length }, channels, float: float('sample') };
    }
    case 'sd-lcm-unet': {
      const channels = fixedDim(meta('sample'), 1);
      if (channels !== null && channels !== 4)
        throw variantError(name, `the LCM UNet takes ${channels} input channels; a latent-consistency text-to-image UNet takes 4`);
      const t = meta('timestep');
      return {
        kind: 'sd-lcm-unet',
        timestep: { dtype: t.type, rank: t.shape.length },
        condDim: fixedDim(meta('timestep_cond'), 1),
        float: float('sample'),
      };
    }
    case 'taesd-decoder':
      return { kind: 'taesd-decoder', float: float('latent_sample') };
    case 'taesd-encoder':
      return { kind: 'taesd-encoder', float: float('sample') };
    case 'sd-vae-encoder':
      return {
        kind: 'sd-vae-encoder',
        output: outputs.has('latent_sample') ? 'latent_sample' : 'latent_parameters',
        float: float('sample'),
      };
    case 'sd-vae-decoder':
      return { kind: 'sd-vae-decoder', float: float('latent_sample') };
    case 'sd-safety-checker':
      return { kind: 'sd-safety-checker', float: float('images') };
    case 'migan-pipeline': {
      const m = meta('image');
      if (typeof m.shape[1] === 'number' && m.shape[1] !== 3)
        throw variantError(name, `image [${m.shape.join(',')}] has ${m.shape[1]} channels, not 3 (RGB)`);
      return { kind: 'migan-pipeline' };
    }
    case 'lama-fixed': {
      const m = meta('image'),
        [, c, h, w] = m.shape;
      if (typeof c === 'number' && c !== 3) throw variantError(name, `image [${m.shape.join(',')}] has ${c} channels, not 3 (RGB)`);
      // A square fixed size is what the adapter resizes each crop to; a dynamic one runs at LaMa's 512.
      if (typeof h === 'number' && typeof w === 'number' && h !== w) throw variantError(name, `image [${m.shape.join(',')}] is not square`);
      return { kind: 'lama-fixed', size: typeof h === 'number' ? h : 512, float: float('image') };
    }
  }
}

function fixedDim(meta: TensorMeta | undefined, axis: number): number | null {
  const d = meta?.shape[axis];
  return typeof d === 'number' ? d : null;
}

function variantError(name: string, why: string): AnyfillError {
  return new AnyfillError('UNSUPPORTED_FORMAT', `${name}: ${why}. This export variant is not supported.`);
}
