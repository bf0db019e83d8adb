// Runs in: CLI and tests (Node). SAM1 image-encoder stand-ins: the samexporter/Acly HWC variant with
// in-graph preprocessing, and the bare [1,3,1024,1024] variant whose caller normalises and pads.
import { GraphBuilder } from '../graph-builder';
import { embedFrame } from './graph-ops';

/** SAM1 normalisation on the 0–255 scale (ImageNet mean/std × 255). */
export const SAM1_MEAN = [123.675, 116.28, 103.53];
export const SAM1_STD = [58.395, 57.12, 57.375];

/** input_image f32 [image_height, image_width, 3] RGB 0–255, long side already 1024 → image_embeddings. */
export function sam1EncoderHwc(): Uint8Array {
  const g = new GraphBuilder('sam1_encoder_hwc_standin');
  const x = g.input('input_image', 'float32', ['image_height', 'image_width', 3]);
  const norm = g.op('Div', [g.op('Sub', [x, g.f32(SAM1_MEAN)]), g.f32(SAM1_STD)]);
  const chw = g.op('Unsqueeze', [g.op('Transpose', [norm], { perm: [2, 0, 1] }), g.i64([0])]); // [1,3,h,w]
  // Zeros after normalisation, bottom and right only, up to 1024×1024 (like Sam.preprocess).
  const hw = g.op('Slice', [g.op('Shape', [x]), g.i64([0]), g.i64([2])]);
  const pads = g.op('Concat', [g.i64([0, 0, 0, 0, 0, 0]), g.op('Sub', [g.i64([1024, 1024]), hw])], { axis: 0 });
  const frame = g.op('Pad', [chw, pads, g.f32(0)]);
  g.output('image_embeddings', 'float32', [1, 256, 64, 64], embedFrame(g, frame).embedding);
  return g.toBytes();
}

/** input_image f32 [1,3,1024,1024], already normalised and zero-padded → image_embeddings. */
export function sam1EncoderNchw(): Uint8Array {
  const g = new GraphBuilder('sam1_encoder_nchw_standin');
  const x = g.input('input_image', 'float32', [1, 3, 1024, 1024]);
  g.output('image_embeddings', 'float32', [1, 256, 64, 64], embedFrame(g, x).embedding);
  return g.toBytes();
}
