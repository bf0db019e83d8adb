// Runs in: CLI and tests (Node). The LCM Dreamshaper v7 stand-in pack, laid out as Optimum's ONNX export in
// SimianLuo/LCM_Dreamshaper_v7 (models/README.md, `lcm-dreamshaper-v7`): the SD stand-ins' CLIP text encoder
// (int32 ids, as Optimum exports CLIP for SD), VAE encoder (samples in-graph) and decoder, the LCM UNet
// (unet.ts) with its external model.onnx_data, and the LCMScheduler config. A text-to-image UNet: the app
// inpaints with it by blending the known latents back after every step (lcm-pipeline.ts).
import type { StandinPack } from '../write-pack';
import { clipMergesTxt, clipSpecialTokensMapJson, clipTokenizerConfigJson, clipVocab } from '../tokenizers/clip-vocab';
import { textEncoder } from '../sd/text-encoder';
import { vaeDecoder, vaeEncoder } from '../sd/vae';
import { lcmUnet } from './unet';

export const LCM_ROLES = {
  textEncoder: 'text_encoder/model.onnx',
  unet: 'unet/model.onnx',
  vaeEncoder: 'vae_encoder/model.onnx',
  vaeDecoder: 'vae_decoder/model.onnx',
  tokenizerVocab: 'tokenizer/vocab.json',
  tokenizerMerges: 'tokenizer/merges.txt',
  scheduler: 'scheduler/scheduler_config.json',
};

const text = (s: string) => new TextEncoder().encode(s.endsWith('\n') ? s : `${s}\n`);
const json = (v: unknown) => text(JSON.stringify(v, null, 2));

/** An LCMScheduler config: SD 1.x betas and diffusers' LCMScheduler defaults for the rest. */
export const LCM_SCHEDULER_CONFIG = {
  _class_name: 'LCMScheduler',
  beta_end: 0.012,
  beta_schedule: 'scaled_linear',
  beta_start: 0.00085,
  clip_sample: false,
  num_train_timesteps: 1000,
  original_inference_steps: 50,
  prediction_type: 'epsilon',
  set_alpha_to_one: true,
  steps_offset: 0,
  timestep_scaling: 10.0,
};

export function lcmStandinPacks(): StandinPack[] {
  const { vocab, merges } = clipVocab();
  const unet = lcmUnet();
  const ort = ['diffusers', 'OnnxRuntimeModel'];
  return [
    {
      packId: 'lcm-dreamshaper-v7',
      family: 'sd-inpaint',
      layout: 'sd-lcm-optimum',
      roles: { ...LCM_ROLES },
      files: {
        'model_index.json': json({
          _class_name: 'LatentConsistencyModelPipeline',
          scheduler: ['diffusers', 'LCMScheduler'],
          text_encoder: ort,
          tokenizer: ['transformers', 'CLIPTokenizer'],
          unet: ort,
          vae_decoder: ort,
          vae_encoder: ort,
        }),
        'scheduler/scheduler_config.json': json(LCM_SCHEDULER_CONFIG),
        'tokenizer/vocab.json': text(JSON.stringify(vocab)),
        'tokenizer/merges.txt': text(clipMergesTxt(merges)),
        'tokenizer/special_tokens_map.json': text(clipSpecialTokensMapJson()),
        'tokenizer/tokenizer_config.json': text(clipTokenizerConfigJson()),
        'text_encoder/model.onnx': textEncoder('float32'),
        'unet/model.onnx': unet.model,
        'unet/model.onnx_data': unet.data,
        'vae_encoder/model.onnx': vaeEncoder('float32', 'sampling'),
        'vae_decoder/model.onnx': vaeDecoder('float32'),
      },
      behaviour:
        'LCM text-to-image UNet: ε toward the prompt colour at saturation min(1, w/7), w = guidance − 1 read back from timestep_cond; ' +
        "the SD stand-ins' text encoder and VAE (encoder sampling in-graph, like the real export).",
    },
  ];
}
