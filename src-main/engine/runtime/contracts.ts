// Runs in: engine process. The model I/O the app relies on, per pack layout and role, from
// /work/shared/spec/model-contracts.md (§1 SAM 1, §2.2–2.3 SAM 2, §4.2 Grounding DINO, §5.2–5.3 SD), MI-GAN and LaMa from models/README.md.
// Only names, accepted dtypes and ranks: sizes are read from the session at load time (§7).
import type { CatalogPack } from '../../../src-shared/models/catalog-schema';
import type { TensorType } from './ort';

export type OnnxLayout = CatalogPack['layout'];
type DType = TensorType;

export interface InputRule {
  dtypes: readonly DType[];
  /** Accepted ranks; any when absent. */
  ranks?: readonly number[];
  /** Fed when the model has it, skipped otherwise (transformers.js creates them the same way). */
  optional?: boolean;
}

export interface Contract {
  /** What a user would call the file: "SAM 1 decoder". */
  title: string;
  inputs: Record<string, InputRule>;
  /** Each group needs one of its names (the SD VAE encoder: latent_sample or Optimum's latent_parameters). */
  outputs: readonly (readonly string[])[];
}

// fp16 exports keep fp16 I/O (§5.7, schmuell/sam-b-fp16), so every float input takes either.
const F: InputRule = { dtypes: ['float32', 'float16'] };
const I64: InputRule = { dtypes: ['int64'] };
const SAM_PROMPT = { point_coords: F, point_labels: F, mask_input: F, has_mask_input: F };

export const CONTRACTS = {
  'sam1-encoder': {
    title: 'SAM 1 image encoder',
    // [h,w,3] 0–255 with preprocessing in the graph (samexporter --use-preprocess, Acly), or [1,3,1024,1024] normalised.
    inputs: { input_image: { ...F, ranks: [3, 4] } },
    outputs: [['image_embeddings']],
  },
  'sam1-decoder': {
    title: 'SAM 1 decoder',
    // All f32, labels and orig_im_size included (Pitfall 5).
    inputs: { image_embeddings: F, ...SAM_PROMPT, orig_im_size: F },
    outputs: [['masks'], ['iou_predictions'], ['low_res_masks']],
  },
  'sam2-encoder': {
    title: 'SAM 2 image encoder',
    inputs: { image: { ...F, ranks: [4] } },
    outputs: [['high_res_feats_0'], ['high_res_feats_1'], ['image_embed']],
  },
  'sam2-decoder': {
    title: 'SAM 2 decoder',
    // ibaiGorordo's export adds an int32 orig_im_size and upsamples itself (§2.3).
    inputs: {
      image_embed: F,
      high_res_feats_0: F,
      high_res_feats_1: F,
      ...SAM_PROMPT,
      orig_im_size: { dtypes: ['int32', 'int64', 'float32'], optional: true },
    },
    outputs: [['masks'], ['iou_predictions']],
  },
  gdino: {
    title: 'Grounding DINO model',
    inputs: {
      pixel_values: { ...F, ranks: [4] },
      input_ids: I64,
      attention_mask: I64,
      pixel_mask: { ...I64, optional: true },
      token_type_ids: { ...I64, optional: true },
    },
    outputs: [['logits'], ['pred_boxes']],
  },
  'gdino-idea': {
    title: 'Grounding DINO model (IDEA-style)',
    // X-AnyLabeling / CVHub export (§4.3): text masks and position ids are inputs, so multi-phrase prompts work.
    inputs: {
      img: { ...F, ranks: [4] },
      input_ids: I64,
      attention_mask: { dtypes: ['bool'], ranks: [2] },
      position_ids: I64,
      token_type_ids: I64,
      text_token_mask: { dtypes: ['bool'], ranks: [3] },
    },
    outputs: [['logits'], ['boxes']],
  },
  'sd-text-encoder': {
    title: 'Stable Diffusion text encoder',
    // int32 from the diffusers script and Olive (Pitfall 6); int64 from some Optimum exports.
    inputs: { input_ids: { dtypes: ['int32', 'int64'], ranks: [2] } },
    outputs: [['last_hidden_state']],
  },
  'sd-unet': {
    title: 'Stable Diffusion UNet',
    // The timestep's dtype and rank depend on the exporter and its date (Pitfall 7).
    inputs: {
      sample: { ...F, ranks: [4] },
      timestep: { dtypes: ['float32', 'float16', 'int64', 'int32'], ranks: [0, 1] },
      encoder_hidden_states: { ...F, ranks: [3] },
    },
    outputs: [['out_sample']],
  },
  'sd-lcm-unet': {
    title: 'LCM UNet',
    // Optimum's export of a latent-consistency UNet (time_cond_proj_dim set): 4-channel sample and the
    // guidance-scale embedding `timestep_cond` [batch,256] (models/README.md, `lcm-dreamshaper-v7`).
    inputs: {
      sample: { ...F, ranks: [4] },
      timestep: { dtypes: ['float32', 'float16', 'int64', 'int32'], ranks: [0, 1] },
      encoder_hidden_states: { ...F, ranks: [3] },
      timestep_cond: { ...F, ranks: [2] },
    },
    outputs: [['out_sample']],
  },
  'sd-vae-encoder': {
    title: 'Stable Diffusion VAE encoder',
    inputs: { sample: { ...F, ranks: [4] } },
    outputs: [['latent_sample', 'latent_parameters']],
  },
  'sd-vae-decoder': {
    title: 'Stable Diffusion VAE decoder',
    inputs: { latent_sample: { ...F, ranks: [4] } },
    outputs: [['sample']],
  },
  'taesd-decoder': {
    title: 'Tiny VAE decoder (TAESD)',
    // Optimum's VAE decoder names on diffusers' AutoencoderTiny: scaled latents in (scaling_factor 1.0), [−1,1] out.
    inputs: { latent_sample: { ...F, ranks: [4] } },
    outputs: [['sample']],
  },
  'taesd-encoder': {
    title: 'Tiny VAE encoder (TAESD)',
    inputs: { sample: { ...F, ranks: [4] } },
    outputs: [['latent_sample']],
  },
  'sd-safety-checker': {
    title: 'Stable Diffusion safety checker',
    // clip_input NCHW (CLIP-normalised 224²), images NHWC in [0,1]; out_images is never used (§5.2).
    inputs: { clip_input: { ...F, ranks: [4] }, images: { ...F, ranks: [4] } },
    outputs: [['has_nsfw_concepts'], ['out_images']],
  },
  'migan-pipeline': {
    title: 'MI-GAN eraser pipeline',
    // The authors' create_onnx_pipeline.py: uint8 RGB NCHW and a uint8 mask (255 known, 0 hole), any size;
    // crop, resize to 512 and blend happen in the graph (models/README.md, `migan-512`).
    inputs: { image: { dtypes: ['uint8'], ranks: [4] }, mask: { dtypes: ['uint8'], ranks: [4] } },
    outputs: [['result']],
  },
  'lama-fixed': {
    title: 'LaMa eraser',
    // Carve/LaMa-ONNX lama_fp32.onnx: float32 image [batch,3,512,512] RGB 0–1 and mask [batch,1,512,512] 1 = hole;
    // `output` is the inpainted image ×255, clamped to 0–255 (models/README.md, `lama-512`).
    inputs: { image: { ...F, ranks: [4] }, mask: { ...F, ranks: [4] } },
    outputs: [['output']],
  },
} satisfies Record<string, Contract>;
export type ContractId = keyof typeof CONTRACTS;

/** Other exports users download by mistake: only used to say what a wrong file looks like. */
export const LOOKALIKES: ReadonlyArray<{ title: string; inputs: readonly string[] }> = [
  { title: 'transformers.js SAM decoder', inputs: ['input_points', 'input_labels'] },
  { title: 'transformers.js SAM image encoder', inputs: ['pixel_values'] },
];

/**
 * The contracts each ONNX role of a layout may follow, told apart by input names (the first is the one
 * the layout is named after); other roles (vocab, scheduler config) are not models.
 */
export const LAYOUT_ROLES: Record<OnnxLayout, Readonly<Record<string, readonly ContractId[]>>> = {
  'sam1-acly': { encoder: ['sam1-encoder'], decoder: ['sam1-decoder'] },
  'sam1-samexporter': { encoder: ['sam1-encoder'], decoder: ['sam1-decoder'] },
  'sam2-samexporter': { encoder: ['sam2-encoder'], decoder: ['sam2-decoder'] },
  'gdino-onnx-community': { model: ['gdino'] },
  'gdino-idea': { model: ['gdino-idea'] },
  'sd-diffusers-onnx': {
    textEncoder: ['sd-text-encoder'],
    unet: ['sd-unet'],
    vaeEncoder: ['sd-vae-encoder'],
    vaeDecoder: ['sd-vae-decoder'],
    safetyChecker: ['sd-safety-checker'],
  },
  'migan-pipeline': { model: ['migan-pipeline'] },
  'lama-fixed': { model: ['lama-fixed'] },
  'sd-lcm-optimum': {
    textEncoder: ['sd-text-encoder'],
    unet: ['sd-lcm-unet'],
    vaeEncoder: ['sd-vae-encoder'],
    vaeDecoder: ['sd-vae-decoder'],
  },
  'taesd-optimum': { vaeDecoder: ['taesd-decoder'], vaeEncoder: ['taesd-encoder'] },
};

/**
 * Model roles a pack may leave out, with the path the real layout puts them at (used when the manifest
 * names none): the SD safety checker is optional in the diffusers layout and users may delete it (§5.1).
 */
export const OPTIONAL_ROLES: Partial<Record<OnnxLayout, Readonly<Record<string, string>>>> = {
  'sd-diffusers-onnx': { safetyChecker: 'safety_checker/model.onnx' },
};

/** The roles of a layout that are ONNX models and required, in load order. */
export function modelRoles(layout: OnnxLayout): string[] {
  return Object.keys(LAYOUT_ROLES[layout]).filter((r) => !OPTIONAL_ROLES[layout]?.[r]);
}
