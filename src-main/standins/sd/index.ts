// Runs in: CLI and tests (Node). The SD 1.5 inpainting stand-in packs (diffusers ONNX layout) and their
// variants: timestep int64 / rank-0, fp16 I/O, Optimum VAE output, a VAE encoder that outputs the posterior
// mean instead of sampling in-graph (the default samples, like the real export), a UNet that outputs NaN,
// loose UNet weights, and packs with the optional safety checker (safety-checker.ts).
import type { StandinPack } from '../write-pack';
import { clipMergesTxt, clipSpecialTokensMapJson, clipTokenizerConfigJson, clipVocab } from '../tokenizers/clip-vocab';
import { clipPreprocessorConfigJson, safetyChecker } from './safety-checker';
import { pndmSchedulerConfigJson } from './schedule';
import { textEncoder } from './text-encoder';
import { unet, type TimestepKind } from './unet';
import { vaeDecoder, vaeEncoder, type VaeEncoderKind } from './vae';
import type { FloatIo } from './io';

const ROLES = {
  textEncoder: 'text_encoder/model.onnx',
  unet: 'unet/model.onnx',
  vaeEncoder: 'vae_encoder/model.onnx',
  vaeDecoder: 'vae_decoder/model.onnx',
  tokenizerVocab: 'tokenizer/vocab.json',
  tokenizerMerges: 'tokenizer/merges.txt',
  scheduler: 'scheduler/scheduler_config.json',
};

const BEHAVIOUR =
  'Paints the mask in the colour named in the prompt (red, green, blue, yellow, white, black; grey when none) ' +
  'and keeps the rest: exact ε toward that colour latent; VAE = 8×8 block colours, unscaled latents, the encoder ' +
  'sampling its posterior in-graph (unseeded, like the real export) unless noted.';

interface Variant {
  packId: string;
  io?: FloatIo;
  timestep?: TimestepKind;
  /** Default 'sampling': the real diffusers export samples the posterior inside vae_encoder. */
  vae?: VaeEncoderKind;
  nan?: boolean;
  /** Ships safety_checker/model.onnx and feature_extractor/preprocessor_config.json. */
  safety?: boolean;
  /** The UNet's external data as loose files, one per tensor, instead of weights.pb. */
  looseWeights?: boolean;
  note?: string;
}

const VARIANTS: Variant[] = [
  { packId: 'sd15-inpaint' },
  { packId: 'standin-sd-timestep-int64', timestep: 'int64', note: 'UNet timestep int64 [1] (pre-Nov-2022 diffusers, old Optimum).' },
  { packId: 'standin-sd-timestep-scalar', timestep: 'float32-scalar', note: 'UNet timestep a rank-0 float32 (Optimum ≥ Oct 2024).' },
  { packId: 'standin-sd-fp16', io: 'float16', timestep: 'float16', note: 'Every float input/output float16, timestep float16 [1].' },
  { packId: 'standin-sd-optimum', vae: 'latent_parameters', note: 'vae_encoder outputs latent_parameters [B,8,h,w] (mean ‖ logvar).' },
  {
    packId: 'standin-sd-vae-mean',
    vae: 'mean',
    note: 'vae_encoder outputs the posterior mean (no in-graph sampling), for tests that run the raw graph.',
  },
  { packId: 'standin-sd-nan', nan: true, note: 'The UNet outputs NaN (for the "NaN is reported" path).' },
  { packId: 'standin-sd-safety', safety: true, note: 'With the optional safety checker, which flags red results.' },
  {
    packId: 'standin-sd-safety-fp16',
    io: 'float16',
    timestep: 'float16',
    safety: true,
    note: 'fp16 I/O with the optional safety checker (fp16 too), which flags red results.',
  },
  {
    packId: 'standin-sd-loose-weights',
    looseWeights: true,
    note: 'UNet external data as loose per-tensor files (onnx__MatMul_…, time_embedding.linear_1.bias), as diffusers exports were before weights.pb (diffusers PR #610).',
  },
];

const text = (s: string) => new TextEncoder().encode(s.endsWith('\n') ? s : `${s}\n`);
const json = (v: unknown) => text(JSON.stringify(v, null, 2));

function modelIndex(safety: boolean): Record<string, unknown> {
  const ort = ['diffusers', 'OnnxRuntimeModel'];
  return {
    _class_name: 'OnnxStableDiffusionInpaintPipeline',
    _diffusers_version: '0.6.0.dev0',
    feature_extractor: safety ? ['transformers', 'CLIPFeatureExtractor'] : [null, null],
    safety_checker: safety ? ort : [null, null],
    scheduler: ['diffusers', 'PNDMScheduler'],
    text_encoder: ort,
    tokenizer: ['transformers', 'CLIPTokenizer'],
    unet: ort,
    vae_decoder: ort,
    vae_encoder: ort,
  };
}

export function sdStandinPacks(): StandinPack[] {
  const { vocab, merges } = clipVocab();
  const shared: Record<string, Uint8Array> = {
    'scheduler/scheduler_config.json': text(pndmSchedulerConfigJson()),
    'tokenizer/vocab.json': text(JSON.stringify(vocab)),
    'tokenizer/merges.txt': text(clipMergesTxt(merges)),
    'tokenizer/special_tokens_map.json': text(clipSpecialTokensMapJson()),
    'tokenizer/tokenizer_config.json': text(clipTokenizerConfigJson()),
  };
  return VARIANTS.map((v) => {
    const io = v.io ?? 'float32';
    const net = unet(io, v.timestep ?? 'float32', v.nan ?? false, v.looseWeights ?? false);
    const safety: Record<string, Uint8Array> = v.safety
      ? { 'safety_checker/model.onnx': safetyChecker(io), 'feature_extractor/preprocessor_config.json': text(clipPreprocessorConfigJson()) }
      : {};
    return {
      packId: v.packId,
      family: 'sd-inpaint',
      layout: 'sd-diffusers-onnx',
      roles: v.safety ? { ...ROLES, safetyChecker: 'safety_checker/model.onnx' } : { ...ROLES },
      files: {
        'model_index.json': json(modelIndex(v.safety ?? false)),
        ...shared,
        'text_encoder/model.onnx': textEncoder(io),
        'unet/model.onnx': net.model,
        ...Object.fromEntries(Object.entries(net.external).map(([name, bytes]) => [`unet/${name}`, bytes])),
        'vae_encoder/model.onnx': vaeEncoder(io, v.vae ?? 'sampling'),
        'vae_decoder/model.onnx': vaeDecoder(io),
        ...safety,
      },
      behaviour: v.note ? `${BEHAVIOUR} ${v.note}` : BEHAVIOUR,
    };
  });
}
