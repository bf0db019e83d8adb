// Runs in: CLI and tests (Node). The SD VAE stand-ins (diffusers vae_encoder / vae_decoder, Optimum variant).
// [Note: stand-in VAE] Encoder: each 8×8 block's mean colour through the latent map of schedule.ts,
// divided by 0.18215 (an unscaled latent, like the real diffusers export). By default it then samples the
// posterior inside the graph as the real export does (diffusers' converter traces
// `vae.encode(sample)[0].sample()`: moments → chunk → clamp → exp(0.5·logvar) → mean + std·RandomNormalLike,
// unseeded; optimum#1383), with logvar = −6 (std ≈ 0.05, about ±2 of 255 after decoding), so two runs
// differ. The 'mean' variant outputs the posterior mean (no sampling), bit-identical to the sampled graph
// with its noise replaced by zeros. The Optimum variant outputs latent_parameters = mean ‖ logvar with
// logvar = −20 (std ≈ 5e-5).
// Decoder: the inverse map of channels 0..2 (channel 3 is ignored), nearest-upsampled ×8, not clipped.
// So decoder(encoder(x)) = x averaged over 8×8 blocks.
import { GraphBuilder } from '../graph-builder';
import { floatInput, floatOutput, type FloatIo } from './io';
import { LATENT_BIAS, LATENT_GAIN, LATENT_MATRIX, LATENT_OFFSET, VAE_SCALING } from './schedule';

export const VAE_LOGVAR = -20;
export const SAMPLING_LOGVAR = -6;
const FLOAT = 1;

/** 'sampling': latent_sample drawn in-graph (the real export); 'mean': latent_sample = posterior mean; or Optimum's latent_parameters. */
export type VaeEncoderKind = 'sampling' | 'mean' | 'latent_parameters';

export function vaeEncoder(io: FloatIo, kind: VaeEncoderKind): Uint8Array {
  const g = new GraphBuilder('standin-vae-encoder');
  const x = floatInput(g, io, 'sample', ['batch', 3, 'height', 'width']);
  // One 8×8 stride-8 convolution = block mean × latent matrix / 0.18215.
  const w: number[] = [];
  for (const row of LATENT_MATRIX) for (const m of row) for (let i = 0; i < 64; i++) w.push(m / 64 / VAE_SCALING);
  const weight = g.constant({ dtype: 'float32', dims: [4, 3, 8, 8], values: w });
  const bias = g.f32(LATENT_BIAS.map((b) => b / VAE_SCALING));
  let z = g.op('Conv', [x, weight, bias], { strides: [8, 8] });
  if (kind === 'latent_parameters') z = g.op('Concat', [z, constantLike(g, z, VAE_LOGVAR)], { axis: 1 });
  if (kind === 'sampling') z = samplePosterior(g, g.op('Concat', [z, constantLike(g, z, SAMPLING_LOGVAR)], { axis: 1 }));
  const output = kind === 'latent_parameters' ? 'latent_parameters' : 'latent_sample';
  floatOutput(g, io, output, ['batch', kind === 'latent_parameters' ? 8 : 4, 'height_latent', 'width_latent'], z);
  return g.toBytes();
}

function constantLike(g: GraphBuilder, like: string, value: number): string {
  return g.op('Add', [g.op('Mul', [like, g.f32(0)]), g.f32(value)]);
}

/** DiagonalGaussianDistribution(moments).sample() as torch exports it: the noise has no seed attribute. */
function samplePosterior(g: GraphBuilder, moments: string): string {
  const [mean, logvar] = g.opN('Split', [moments, g.i64([4, 4])], { axis: 1 }, 2) as [string, string];
  const std = g.op('Exp', [g.op('Mul', [g.op('Clip', [logvar, g.f32(-30), g.f32(20)]), g.f32(0.5)])]);
  const zeros = g.op('ConstantOfShape', [g.op('Shape', [mean])], { value: { tensor: { dtype: 'float32', dims: [1], values: [0] } } });
  const noise = g.op('RandomNormalLike', [zeros], { dtype: FLOAT });
  return g.op('Add', [mean, g.op('Mul', [std, noise])]);
}

export function vaeDecoder(io: FloatIo): Uint8Array {
  const g = new GraphBuilder('standin-vae-decoder');
  const z = floatInput(g, io, 'latent_sample', ['batch', 4, 'height_latent', 'width_latent']);
  // rgb_c = (0.18215·z_c − 0.7) / 0.5 for c = 0..2, as a 1×1 convolution.
  const k = VAE_SCALING / LATENT_GAIN;
  const weight = g.constant({ dtype: 'float32', dims: [3, 4, 1, 1], values: [k, 0, 0, 0, 0, k, 0, 0, 0, 0, k, 0] });
  const bias = g.f32([0, 1, 2].map(() => -LATENT_OFFSET / LATENT_GAIN));
  const rgb = g.op('Conv', [z, weight, bias]);
  const up = g.op('Resize', [rgb, '', g.f32([1, 1, 8, 8])], {
    mode: 'nearest',
    coordinate_transformation_mode: 'asymmetric',
    nearest_mode: 'floor',
  });
  floatOutput(g, io, 'sample', ['batch', 3, 'height', 'width'], up);
  return g.toBytes();
}
