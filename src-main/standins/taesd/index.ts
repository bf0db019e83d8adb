// Runs in: CLI and tests (Node). The TAESD stand-in pack (deinferno/taesd-onnx layout: vae_decoder/model.onnx,
// vae_encoder/model.onnx, Optimum's VAE names on diffusers' AutoencoderTiny; models/README.md, `taesd`).
// [Note: stand-in TAESD] The real quirks, on the SD stand-ins' latent map (sd/schedule.ts):
// - the decoder takes the *scaled* latents the UNet works on (AutoencoderTiny's scaling_factor is 1.0, so
//   nothing is divided by 0.18215 first), clamps them with tanh(z/3)·3 as DecoderTiny does, and returns
//   RGB in [−1,1]: rgb_c = (clamped_c − 0.7)/0.5, nearest-upsampled ×8 (channel 3 unused);
// - the encoder takes [−1,1] RGB and returns scaled latents (each 8×8 block's mean through the latent map).
// Latents divided by 0.18215 before this decoder (the SD VAE's convention) clamp near 3 and decode white.
import type { StandinPack } from '../write-pack';
import { GraphBuilder } from '../graph-builder';
import { LATENT_BIAS, LATENT_GAIN, LATENT_MATRIX, LATENT_OFFSET } from '../sd/schedule';

export const TAESD_ROLES = { vaeDecoder: 'vae_decoder/model.onnx', vaeEncoder: 'vae_encoder/model.onnx' };

export function taesdDecoder(): Uint8Array {
  const g = new GraphBuilder('standin-taesd-decoder');
  const z = g.input('latent_sample', 'float32', ['batch_size', 4, 'height_latent', 'width_latent']);
  const clamped = g.op('Mul', [g.op('Tanh', [g.op('Div', [z, g.f32(3)])]), g.f32(3)]);
  const k = 1 / LATENT_GAIN;
  const weight = g.constant({ dtype: 'float32', dims: [3, 4, 1, 1], values: [k, 0, 0, 0, 0, k, 0, 0, 0, 0, k, 0] });
  const rgb = g.op('Conv', [clamped, weight, g.f32([0, 1, 2].map(() => -LATENT_OFFSET / LATENT_GAIN))]);
  const up = g.op('Resize', [rgb, '', g.f32([1, 1, 8, 8])], {
    mode: 'nearest',
    coordinate_transformation_mode: 'asymmetric',
    nearest_mode: 'floor',
  });
  g.output('sample', 'float32', ['batch_size', 3, 'height', 'width'], up);
  return g.toBytes();
}

export function taesdEncoder(): Uint8Array {
  const g = new GraphBuilder('standin-taesd-encoder');
  const x = g.input('sample', 'float32', ['batch_size', 3, 'height', 'width']);
  const w: number[] = [];
  for (const row of LATENT_MATRIX) for (const m of row) for (let i = 0; i < 64; i++) w.push(m / 64);
  const weight = g.constant({ dtype: 'float32', dims: [4, 3, 8, 8], values: w });
  const z = g.op('Conv', [x, weight, g.f32([...LATENT_BIAS])], { strides: [8, 8] });
  g.output('latent_sample', 'float32', ['batch_size', 4, 'height_latent', 'width_latent'], z);
  return g.toBytes();
}

export function taesdStandinPacks(): StandinPack[] {
  // The repository's folders hold model.onnx only (its listing at f99d5f3).
  return [
    {
      packId: 'taesd',
      family: 'tiny-vae',
      layout: 'taesd-optimum',
      roles: { ...TAESD_ROLES },
      files: {
        'vae_decoder/model.onnx': taesdDecoder(),
        'vae_encoder/model.onnx': taesdEncoder(),
      },
      behaviour:
        "Tiny VAE: decodes the SD stand-ins' scaled latents (no ÷0.18215, tanh(z/3)·3 clamp) to 8×8 block colours in [−1,1]; the encoder returns scaled latents.",
    },
  ];
}
