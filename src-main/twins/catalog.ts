// Runs in: CLI and tests (Node). The cost twins: per catalog pack, its ONNX roles built at the real size
// (width 1) or a fraction of the channels, the dynamic axes of one real call, and the published cost each
// must match within ±10 % (performance.md §1, with its sources).
import type { CatalogPack } from '../../src-shared/models/catalog-schema';
import { mobileSamEncoderTwin } from './sam/mobilesam-encoder';
import { gdinoTwin } from './gdino/gdino';
import { lamaTwin } from './lama/lama';
import { miganTwin } from './migan/migan';
import { samDecoderTwin } from './sam/sam-decoder';
import { sam2DecoderTwin } from './sam/sam2-decoder';
import { sam2EncoderTwin } from './sam/sam2-encoder';
import { vitBEncoderTwin } from './sam/vit-b-encoder';
import { textEncoderTwin } from './sd/text-encoder';
import { unetTwin } from './sd/unet';
import { taesdDecoderTwin, taesdEncoderTwin } from './taesd/taesd';
import { vaeDecoderTwin, vaeEncoderTwin } from './sd/vae';
import type { TwinGraph } from './twin-graph';

export interface Published {
  params: number;
  macs: number;
  /** Where the figures come from (performance.md §1 row and its sources). */
  source: string;
}

export interface TwinModel {
  role: string;
  /** The file's path in the pack, as the real layout names it. */
  file: string;
  build(width: number): TwinGraph;
  /** Sizes of the dynamic axes for one real call, to count its cost. */
  call: Record<string, number>;
  /** The graph to compare with the published figure when that was counted at another size than the export runs at. */
  countGraph?: () => TwinGraph;
  published: Published;
}

export interface TwinPack {
  packId: string;
  family: CatalogPack['family'];
  layout: CatalogPack['layout'];
  models: TwinModel[];
}

const SAM_DECODER: Omit<TwinModel, 'file'> = {
  role: 'decoder',
  build: () => samDecoderTwin('decoder.onnx'),
  // One click: the point and SAM's padding point; 5 output tokens + 2 = 7 tokens.
  call: { num_points: 2, tokens: 7, orig_height: 3000, orig_width: 4000 },
  published: {
    params: 3.876e6,
    macs: 1.81e9,
    source: 'performance.md §1 "SAM prompt + mask decoder": 3.876 M [S3], 1.81 GMAC (computed, §8)',
  },
};

export const TWIN_PACKS: TwinPack[] = [
  {
    packId: 'mobilesam',
    family: 'sam1',
    layout: 'sam1-acly',
    models: [
      {
        role: 'encoder',
        file: 'mobile_sam_image_encoder.onnx',
        build: (width) => mobileSamEncoderTwin('mobile_sam_image_encoder.onnx', width),
        call: { image_height: 768, image_width: 1024 },
        // 9.66 M for the whole model [S2] less the 3.876 M decoder [S3]; the MobileSAM README rounds it to "5 M".
        published: {
          params: 5.78e6,
          macs: 38.2e9,
          source: 'performance.md §1 "MobileSAM (TinyViT-5M) encoder": 38.2 GMAC [S2][S3]; 9.66 M total [S2] − 3.876 M decoder [S3]',
        },
      },
      { ...SAM_DECODER, file: 'sam_mask_decoder_multi.onnx', build: () => samDecoderTwin('sam_mask_decoder_multi.onnx') },
    ],
  },
  {
    packId: 'sam-vit-b',
    family: 'sam1',
    layout: 'sam1-samexporter',
    models: [
      {
        role: 'encoder',
        file: 'encoder.onnx',
        build: (width) => vitBEncoderTwin('encoder.onnx', width),
        call: { image_height: 768, image_width: 1024 },
        published: {
          params: 91e6,
          macs: 486e9,
          source: 'performance.md §1 "SAM ViT-B image encoder, 1024²": ~91 M (SAM-b 93.7 M whole model [S38]), 486 GMAC (computed, §8)',
        },
      },
      { ...SAM_DECODER, file: 'decoder.onnx', build: () => samDecoderTwin('decoder.onnx', 1) },
    ],
  },
  {
    packId: 'sam2.1-tiny',
    family: 'sam2',
    layout: 'sam2-samexporter',
    models: [
      {
        role: 'encoder',
        file: 'encoder.onnx',
        build: (width) => sam2EncoderTwin('encoder.onnx', width),
        call: {},
        published: {
          params: 27.2e6,
          macs: 144e9,
          source:
            'performance.md §1 "SAM 2.1 hiera-tiny encoder + FPN": ~144 GMAC (computed, §8); 27.2 M = the 109 MB fp32 tiny encoder export / 4 bytes (model-contracts.md: shubham0204/sam2-onnx-models), whole model 38.9 M [S7]',
        },
      },
      {
        role: 'decoder',
        file: 'decoder.onnx',
        build: () => sam2DecoderTwin('decoder.onnx'),
        call: { num_labels: 1, num_points: 2, tokens: 8 },
        published: {
          params: 4.125e6,
          macs: 1.81e9,
          source:
            '4.1 M = the 16.5 MB fp32 decoder export / 4 bytes (model-contracts.md: shubham0204/sam2-onnx-models); 1.81 GMAC per click as the SAM decoder (performance.md §1, §8: same transformer and upscalers)',
        },
      },
    ],
  },
  {
    packId: 'gdino-tiny',
    family: 'gdino',
    layout: 'gdino-onnx-community',
    models: [
      {
        role: 'model',
        file: 'onnx/model.onnx',
        // The export works at 800×800 only (its preprocessor_config.json); 251 GMAC there.
        build: (width) => gdinoTwin('model.onnx', undefined, width),
        countGraph: () => gdinoTwin('model.onnx', { height: 800, width: 1344 }),
        call: { batch: 1, sequence: 20, height: 800, width: 800 },
        published: {
          params: 172e6,
          macs: 411e9,
          source:
            'performance.md §1 "Grounding DINO-T, 800×1333, ~20 text tokens": 172 M with BERT-base [S25b]; ~411 GMAC (computed at 800×1344, §8, ±25 %)',
        },
      },
    ],
  },
  {
    packId: 'sd15-inpaint',
    family: 'sd-inpaint',
    layout: 'sd-diffusers-onnx',
    models: [
      {
        role: 'unet',
        file: 'unet/model.onnx',
        build: (width) => unetTwin(width),
        // One evaluation at 512² (64×64 latents), one prompt of 77 tokens; CFG runs batch 2.
        call: { batch: 1, height: 64, width: 64, sequence: 77 },
        published: {
          params: 859.5e6,
          macs: 401.7e9,
          source:
            'performance.md §1 "SD1.5 UNet" 859.5 M [S15]; "SD1.5 inpainting UNet (9-channel conv_in)" 401.7 GMAC (computed, §8; thop 338.7 G without attention matmuls [S15])',
        },
      },
      {
        role: 'textEncoder',
        file: 'text_encoder/model.onnx',
        build: (width) => textEncoderTwin(width),
        call: { batch: 1, sequence: 77 },
        published: {
          params: 123.1e6,
          macs: 6.65e9,
          source:
            'performance.md §1 "CLIP ViT-L/14 text encoder, 77 tokens": 123.1 M, 6.5 G (thop) / 8.96 G (MLCommons) [S15][S16], 6.65 G computed',
        },
      },
      {
        role: 'vaeEncoder',
        file: 'vae_encoder/model.onnx',
        build: (width) => vaeEncoderTwin(width),
        call: { batch: 1, height: 512, width: 512, height_latent: 64, width_latent: 64 },
        published: { params: 34e6, macs: 558e9, source: 'performance.md §1 "SD VAE encoder, 512²": ~34 M, 558 GMAC (computed, §8)' },
      },
      {
        role: 'vaeDecoder',
        file: 'vae_decoder/model.onnx',
        build: (width) => vaeDecoderTwin(width),
        call: { batch: 1, height_latent: 64, width_latent: 64, height: 512, width: 512 },
        published: {
          params: 49.5e6,
          macs: 1257e9,
          source: 'performance.md §1 "SD VAE decoder, 512²": 49.5 M, 1,240.1 GMAC convs (thop) [S15] + 17.2 attention (computed) = 1,257',
        },
      },
    ],
  },
  {
    packId: 'lcm-dreamshaper-v7',
    family: 'sd-inpaint',
    layout: 'sd-lcm-optimum',
    models: [
      {
        role: 'unet',
        file: 'unet/model.onnx',
        build: (width) => unetTwin(width, 'lcm'),
        // One evaluation at 512²: LCM runs one row per step (the guidance is an embedding, not a CFG batch).
        call: { batch_size: 1, steps: 1, height: 64, width: 64, sequence_length: 77 },
        published: {
          params: 859.6e6,
          macs: 401.6e9,
          source:
            'performance.md §1 "SD1.5 UNet, 64×64 latent, 1 eval": 859.5 M [S15], 401.6 GMAC (computed, §8); LCM Dreamshaper v7 is that UNet (4-channel conv_in) distilled, plus the 256→320 guidance projection (+0.08 M; models/README.md sources R, T)',
        },
      },
    ],
  },
  {
    packId: 'taesd',
    family: 'tiny-vae',
    layout: 'taesd-optimum',
    models: [
      {
        role: 'vaeDecoder',
        file: 'vae_decoder/model.onnx',
        build: (width) => taesdDecoderTwin(width),
        call: { batch_size: 1, height_latent: 64, width_latent: 64, height: 512, width: 512 },
        published: {
          params: 1.22e6,
          macs: 70.7e9,
          source:
            'performance.md §1 "TAESD decoder, 512²": ~1.2 M, ~71 GMAC (computed); 1.22 M = the 4.91 MB fp32 export / 4 bytes (models/README.md sources W, X)',
        },
      },
      {
        role: 'vaeEncoder',
        file: 'vae_encoder/model.onnx',
        build: (width) => taesdEncoderTwin(width),
        call: { batch_size: 1, height: 512, width: 512, height_latent: 64, width_latent: 64 },
        published: {
          params: 1.22e6,
          macs: 61.2e9,
          source:
            "1.22 M = the 4.91 MB fp32 export / 4 bytes (models/README.md source W); 61.2 GMAC at 512² counted from diffusers' EncoderTiny (source X: conv 3→64, blocks 1/3/3/3 of three 3×3 convs at 512², 256², 128², 64², stride-2 convs between, conv 64→4); no published MAC figure found",
        },
      },
    ],
  },
  {
    packId: 'migan-512',
    family: 'eraser',
    layout: 'migan-pipeline',
    models: [
      {
        role: 'model',
        file: 'migan_pipeline_v2.onnx',
        build: (width) => miganTwin(width),
        // The generator always runs at 512² (the pipeline resizes its crop); the input's size only moves the resizes.
        call: { batch_size: 1, height: 512, width: 512 },
        published: {
          params: 5.98e6,
          macs: 15.1e9,
          source:
            "MI-GAN-512 generator: 5.98 M (Sargsyan et al., ICCV 2023, models/README.md source J; the same counted layer by layer from the authors' lib/model_zoo/migan_inference.py with ch_base 32768, ch_max 512 of configs/model/migan.yaml); 15.1 GMAC at 512² computed from that architecture (separable convs and the fixed 4×4 blurs, performance.md §8 rules), no published MAC figure found",
        },
      },
    ],
  },
  {
    packId: 'lama-512',
    family: 'eraser',
    layout: 'lama-fixed',
    models: [
      {
        role: 'model',
        file: 'lama_fp32.onnx',
        build: (width) => lamaTwin(width),
        // Fixed 512² (the export's only size); one crop per call.
        call: { batch: 1 },
        published: {
          params: 51e6,
          macs: 233e9,
          source:
            "big-LaMa: 51 M parameters (Suvorov et al., WACV 2022, arXiv 2109.07161; models/README.md source Q); 233 GMAC at 512² computed from big-lama.yaml's architecture (18 FFC blocks of 512 channels at 64², 75 % global; convs 205, transposed convs 14.5, the FFTs as Carve's MatMuls 13.0; performance.md §8 rules), no published MAC figure found",
        },
      },
    ],
  },
];
