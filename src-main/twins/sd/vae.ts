// Runs in: CLI and tests (Node). SD VAE (AutoencoderKL, channels 128/256/512/512) encoder and decoder twins
// with the diffusers ONNX export's contracts (model-contracts.md §5.2–5.3): ResnetBlock2D without time
// embedding, the single-head mid attention at the latent size, stride-2 convs down, nearest 2× + conv up,
// quant_conv / post_quant_conv, and the encoder's in-graph posterior sampling (the real export's).
// Targets (performance.md §1, 512²): decoder 49.5 M [S15], 1,257 GMAC (1,240.1 convs [S15] + 17.2
// attention, computed); encoder ≈ 34 M and 558 GMAC (computed, §8).
import { attention, conv, groupNorm, silu } from '../layers';
import { TwinGraph, mulDims, type T } from '../twin-graph';
import { upsample } from './unet';

const LEVELS = [128, 256, 512, 512];

function block(t: TwinGraph, x: T, cout: number): T {
  const cin = x.shape[1] as number;
  const h = conv(t, silu(t, groupNorm(t, conv(t, silu(t, groupNorm(t, x)), cout, 3))), cout, 3);
  return t.add(cin === cout ? x : conv(t, x, cout, 1), h);
}

/** GroupNorm, one-head attention over every position, residual (diffusers' VAE mid-block Attention). */
function midAttention(t: TwinGraph, x: T): T {
  const [n, c, h, w] = x.shape as [string, number, string, string];
  const tokens = t.reshape(t.transpose(groupNorm(t, x), [0, 2, 3, 1]), [n, mulDims(h, w), c]);
  const mixed = attention(t, tokens, tokens, tokens, 1, c);
  return t.add(x, t.reshapeLike(t.transpose(mixed, [0, 2, 1]), x));
}

function mid(t: TwinGraph, x: T, c: number): T {
  return t.within('mid_block', () => block(t, midAttention(t, block(t, x, c)), c));
}

const ch = (c: number, width: number) => Math.max(32, Math.round((c * width) / 32) * 32);

export function vaeDecoderTwin(width = 1): TwinGraph {
  const t = new TwinGraph('sd_vae_decoder_twin', 'model.onnx.data');
  const z = t.input('latent_sample', ['batch', 4, 'height_latent', 'width_latent']);
  let x = conv(t, conv(t, z, 4, 1), ch(512, width), 3); // post_quant_conv, conv_in
  x = mid(t, x, ch(512, width));
  [...LEVELS].reverse().forEach((c, i) => {
    for (let j = 0; j < 3; j++) x = t.within(`up_blocks.${i}.resnets.${j}`, () => block(t, x, ch(c, width)));
    if (i < 3) x = t.within(`up_blocks.${i}.upsamplers`, () => conv(t, upsample(t, x), ch(c, width), 3));
  });
  t.output('sample', ['batch', 3, 'height', 'width'], conv(t, silu(t, groupNorm(t, x)), 3, 3));
  return t;
}

export function vaeEncoderTwin(width = 1): TwinGraph {
  const t = new TwinGraph('sd_vae_encoder_twin', 'model.onnx.data');
  const image = t.input('sample', ['batch', 3, 'height', 'width']);
  let x = conv(t, image, ch(128, width), 3);
  LEVELS.forEach((c, i) => {
    for (let j = 0; j < 2; j++) x = t.within(`down_blocks.${i}.resnets.${j}`, () => block(t, x, ch(c, width)));
    if (i < 3) x = t.within(`down_blocks.${i}.downsamplers`, () => conv(t, x, ch(c, width), 3, { stride: 2 }));
  });
  x = mid(t, x, ch(512, width));
  const moments = conv(t, conv(t, silu(t, groupNorm(t, x)), 8, 3), 8, 1); // conv_out, quant_conv
  t.output('latent_sample', ['batch', 4, 'height_latent', 'width_latent'], samplePosterior(t, moments));
  return t;
}

/** mean + exp(½·clip(logvar))·noise, the noise unseeded as torch exports it. */
function samplePosterior(t: TwinGraph, moments: T): T {
  const g = t.g;
  const [n, , h, w] = moments.shape;
  const shape = [n!, 4, h!, w!];
  const [mean, logvar] = g.opN('Split', [moments.name, g.i64([4, 4])], { axis: 1 }, 2) as [string, string];
  const std = g.op('Exp', [g.op('Mul', [g.op('Clip', [logvar, g.f32(-30), g.f32(20)]), g.f32(0.5)])]);
  const noise = g.op('RandomNormalLike', [mean], { dtype: 1 });
  return t.op('Add', [mean, g.op('Mul', [std, noise])], shape);
}
