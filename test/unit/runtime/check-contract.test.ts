// Runs in: test tooling. Contract checks on tiny models with the real exports' signatures: the variant
// each export is detected as, and the messages for wrong-family and unsupported files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContract, type Variant } from '../../../src-main/engine/runtime/check-contract';
import type { OnnxLayout } from '../../../src-main/engine/runtime/contracts';
import { openSession } from '../../../src-main/engine/runtime/open-session';
import { signatureModel, tempDir, writeModel, type Sig, type TempDir } from './tiny-models';

let tmp: TempDir;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

let n = 0;
async function check(layout: OnnxLayout, role: string, inputs: Sig, outputs: Sig, file = 'model.onnx') {
  const path = await writeModel(tmp.file(`p${n++}`, file), signatureModel(inputs, outputs));
  const { session } = await openSession(path, { providers: ['cpu'], label: role });
  return checkContract(session, layout, role);
}
const fails = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );

const SAM1_DECODER: Sig = [
  ['image_embeddings', 'float32', [1, 256, 64, 64]],
  ['point_coords', 'float32', [1, 'num_points', 2]],
  ['point_labels', 'float32', [1, 'num_points']],
  ['mask_input', 'float32', [1, 1, 256, 256]],
  ['has_mask_input', 'float32', [1]],
  ['orig_im_size', 'float32', [2]],
];
const sam1DecoderOut = (masks: number): Sig => [
  ['masks', 'float32', [1, masks, 'h', 'w']],
  ['iou_predictions', 'float32', [1, masks]],
  ['low_res_masks', 'float32', [1, masks, 'a', 'b']],
];
const SAM2_DECODER: Sig = [
  ['image_embed', 'float32', [1, 256, 64, 64]],
  ['high_res_feats_0', 'float32', [1, 32, 256, 256]],
  ['high_res_feats_1', 'float32', [1, 64, 128, 128]],
  ['point_coords', 'float32', ['num_labels', 'num_points', 2]],
  ['point_labels', 'float32', ['num_labels', 'num_points']],
  ['mask_input', 'float32', ['num_labels', 1, 256, 256]],
  ['has_mask_input', 'float32', ['num_labels']],
];
const SAM2_DECODER_OUT: Sig = [
  ['masks', 'float32', ['l', 3, 'h', 'w']],
  ['iou_predictions', 'float32', ['l', 3]],
];
const TEXT_ENCODER: Sig = [['input_ids', 'int32', ['batch', 77]]];
const TEXT_ENCODER_OUT: Sig = [
  ['last_hidden_state', 'float32', ['batch', 77, 'd']],
  ['pooler_output', 'float32', ['batch', 'd']],
];
const unet = (timestep: Sig[number], channels = 9, float: 'float32' | 'float16' = 'float32'): Sig => [
  ['sample', float, ['batch', channels, 'h', 'w']],
  timestep,
  ['encoder_hidden_states', float, ['batch', 77, 768]],
];
const UNET_OUT: Sig = [['out_sample', 'float32', ['batch', 4, 'h', 'w']]];
const GDINO_OUT: Sig = [
  ['logits', 'float32', [1, 900, 'l']],
  ['pred_boxes', 'float32', [1, 900, 4]],
];

describe('checkContract: the variants of each real export', () => {
  const cases: Array<[string, OnnxLayout, string, Sig, Sig, Variant]> = [
    [
      'SAM 1 encoder with preprocessing',
      'sam1-samexporter',
      'encoder',
      [['input_image', 'float32', ['image_height', 'image_width', 3]]],
      [['image_embeddings', 'float32', [1, 'c', 'h', 'w']]],
      { kind: 'sam1-encoder', input: 'hwc-preprocess', float: 'float32' },
    ],
    [
      'SAM 1 encoder without (fp16)',
      'sam1-acly',
      'encoder',
      [['input_image', 'float16', [1, 3, 1024, 1024]]],
      [['image_embeddings', 'float16', [1, 'c', 'h', 'w']]],
      { kind: 'sam1-encoder', input: 'nchw', float: 'float16' },
    ],
    [
      'SAM 1 decoder, multimask',
      'sam1-acly',
      'decoder',
      SAM1_DECODER,
      sam1DecoderOut(4),
      { kind: 'sam1-decoder', maskCount: 4, float: 'float32' },
    ],
    [
      'SAM 1 decoder, single mask',
      'sam1-samexporter',
      'decoder',
      SAM1_DECODER,
      sam1DecoderOut(1),
      { kind: 'sam1-decoder', maskCount: 1, float: 'float32' },
    ],
    [
      'SAM 2 encoder',
      'sam2-samexporter',
      'encoder',
      [['image', 'float32', [1, 3, 1024, 1024]]],
      [
        ['high_res_feats_0', 'float32', [1, 'a', 'b', 'c']],
        ['high_res_feats_1', 'float32', [1, 'a', 'b', 'c']],
        ['image_embed', 'float32', [1, 'a', 'b', 'c']],
      ],
      { kind: 'sam2-encoder', float: 'float32' },
    ],
    [
      'SAM 2 decoder (samexporter)',
      'sam2-samexporter',
      'decoder',
      SAM2_DECODER,
      SAM2_DECODER_OUT,
      { kind: 'sam2-decoder', origImSize: null, float: 'float32' },
    ],
    [
      'SAM 2 decoder (ibaiGorordo, int32 orig_im_size)',
      'sam2-samexporter',
      'decoder',
      [...SAM2_DECODER, ['orig_im_size', 'int32', [2]]],
      SAM2_DECODER_OUT,
      { kind: 'sam2-decoder', origImSize: 'int32', float: 'float32' },
    ],
    [
      'Grounding DINO',
      'gdino-onnx-community',
      'model',
      [
        ['pixel_values', 'float32', ['b', 3, 'h', 'w']],
        ['input_ids', 'int64', ['b', 'l']],
        ['token_type_ids', 'int64', ['b', 'l']],
        ['attention_mask', 'int64', ['b', 'l']],
        ['pixel_mask', 'int64', ['b', 'h', 'w']],
      ],
      GDINO_OUT,
      { kind: 'gdino', pixelMask: true, tokenTypeIds: true, float: 'float32' },
    ],
    [
      'Grounding DINO without the optional inputs',
      'gdino-onnx-community',
      'model',
      [
        ['pixel_values', 'float32', ['b', 3, 'h', 'w']],
        ['input_ids', 'int64', ['b', 'l']],
        ['attention_mask', 'int64', ['b', 'l']],
      ],
      GDINO_OUT,
      { kind: 'gdino', pixelMask: false, tokenTypeIds: false, float: 'float32' },
    ],
    [
      'Grounding DINO, IDEA-style',
      'gdino-idea',
      'model',
      [
        ['img', 'float32', ['b', 3, 'h', 'w']],
        ['input_ids', 'int64', ['b', 'l']],
        ['attention_mask', 'bool', ['b', 'l']],
        ['position_ids', 'int64', ['b', 'l']],
        ['token_type_ids', 'int64', ['b', 'l']],
        ['text_token_mask', 'bool', ['b', 'l', 'l']],
      ],
      [
        ['logits', 'float32', [1, 900, 'l']],
        ['boxes', 'float32', [1, 900, 4]],
      ],
      { kind: 'gdino-idea', float: 'float32' },
    ],
    ['SD text encoder', 'sd-diffusers-onnx', 'textEncoder', TEXT_ENCODER, TEXT_ENCODER_OUT, { kind: 'sd-text-encoder', ids: 'int32' }],
    [
      'SD UNet, f32 [batch] timestep',
      'sd-diffusers-onnx',
      'unet',
      unet(['timestep', 'float32', ['batch']]),
      UNET_OUT,
      { kind: 'sd-unet', timestep: { dtype: 'float32', rank: 1 }, channels: 9, float: 'float32' },
    ],
    [
      'SD UNet, i64 [1] timestep',
      'sd-diffusers-onnx',
      'unet',
      unet(['timestep', 'int64', [1]]),
      UNET_OUT,
      { kind: 'sd-unet', timestep: { dtype: 'int64', rank: 1 }, channels: 9, float: 'float32' },
    ],
    [
      'SD UNet, fp16 with a scalar timestep',
      'sd-diffusers-onnx',
      'unet',
      unet(['timestep', 'float16', []], 9, 'float16'),
      UNET_OUT,
      { kind: 'sd-unet', timestep: { dtype: 'float16', rank: 0 }, channels: 9, float: 'float16' },
    ],
    [
      'SD VAE encoder (diffusers)',
      'sd-diffusers-onnx',
      'vaeEncoder',
      [['sample', 'float32', ['b', 3, 'h', 'w']]],
      [['latent_sample', 'float32', ['b', 4, 'h', 'w']]],
      { kind: 'sd-vae-encoder', output: 'latent_sample', float: 'float32' },
    ],
    [
      'SD VAE encoder (Optimum)',
      'sd-diffusers-onnx',
      'vaeEncoder',
      [['sample', 'float32', ['b', 3, 'h', 'w']]],
      [['latent_parameters', 'float32', ['b', 8, 'h', 'w']]],
      { kind: 'sd-vae-encoder', output: 'latent_parameters', float: 'float32' },
    ],
    [
      'SD VAE decoder',
      'sd-diffusers-onnx',
      'vaeDecoder',
      [['latent_sample', 'float32', ['b', 4, 'h', 'w']]],
      [['sample', 'float32', ['b', 3, 'h', 'w']]],
      { kind: 'sd-vae-decoder', float: 'float32' },
    ],
  ];
  it.each(cases)('%s', async (_, layout, role, inputs, outputs, variant) => {
    const match = await check(layout, role, inputs, outputs);
    expect(match.variant).toEqual(variant);
    expect([...match.inputs.keys()].sort()).toEqual(inputs.map(([name]) => name).sort());
  });
});

describe('checkContract: files that do not fit', () => {
  it('catches an SD text encoder where a SAM decoder belongs, naming the file and what it looks like', async () => {
    const err = await fails(check('sam1-samexporter', 'decoder', TEXT_ENCODER, TEXT_ENCODER_OUT, 'decoder.onnx'));
    expect(err).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect((err as Error).message).toMatch(
      /^p\d+\/decoder\.onnx does not look like a SAM 1 decoder \(missing input image_embeddings, point_coords, point_labels, mask_input, has_mask_input, orig_im_size; has input_ids\): it looks like a Stable Diffusion text encoder instead\.$/,
    );
  });

  it('tells SAM 1 from SAM 2, and an unknown file from both', async () => {
    const sam1 = await fails(check('sam2-samexporter', 'decoder', SAM1_DECODER, sam1DecoderOut(1), 'decoder.onnx'));
    expect((sam1 as Error).message).toMatch(
      /does not look like a SAM 2 decoder \(missing input image_embed, .*\): it looks like a SAM 1 decoder instead\.$/,
    );
    const noOrig = await fails(check('sam1-acly', 'decoder', SAM1_DECODER.slice(0, 5), sam1DecoderOut(4), 'sam_mask_decoder_multi.onnx'));
    expect((noOrig as Error).message).toMatch(
      /\(missing input orig_im_size; has image_embeddings, point_coords, point_labels, mask_input, has_mask_input\): this file belongs to another model family\.$/,
    );
  });

  it('refuses a text-to-image UNet (4 channels): it would load and run but cannot inpaint', async () => {
    expect(await fails(check('sd-diffusers-onnx', 'unet', unet(['timestep', 'int64', [1]], 4), UNET_OUT))).toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/takes 4 input channels; an inpainting UNet takes 9/),
    });
  });

  it('refuses unsupported dtypes, ranks and inputs it cannot fill', async () => {
    const labels = SAM1_DECODER.map((i): Sig[number] => (i[0] === 'point_labels' ? ['point_labels', 'int64', [1, 'n']] : i));
    expect(await fails(check('sam1-acly', 'decoder', labels, sam1DecoderOut(4)))).toMatchObject({
      message: expect.stringMatching(/input point_labels is int64; supported: float32, float16\. This export variant is not supported\./),
    });
    expect(await fails(check('sd-diffusers-onnx', 'unet', unet(['timestep', 'float32', [1, 1]]), UNET_OUT))).toMatchObject({
      message: expect.stringMatching(/input timestep has 2 dimensions/),
    });
    expect(
      await fails(
        check('sd-diffusers-onnx', 'unet', [...unet(['timestep', 'float32', [1]]), ['timestep_cond', 'float32', [1, 256]]], UNET_OUT),
      ),
    ).toMatchObject({ message: expect.stringMatching(/inputs Anyfill cannot fill \(timestep_cond\)/) });
    expect(
      await fails(
        check(
          'sam1-acly',
          'encoder',
          [['input_image', 'float32', [1, 1024, 1024, 3]]],
          [['image_embeddings', 'float32', [1, 'c', 'h', 'w']]],
        ),
      ),
    ).toMatchObject({ message: expect.stringMatching(/neither \[h,w,3\] nor \[1,3,1024,1024\]/) });
  });

  it('refuses roles that are not models', async () => {
    expect(await fails(check('sd-diffusers-onnx', 'tokenizerVocab', TEXT_ENCODER, TEXT_ENCODER_OUT))).toMatchObject({ code: 'INTERNAL' });
  });
});
