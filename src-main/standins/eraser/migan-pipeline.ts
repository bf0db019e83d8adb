// Runs in: CLI and tests (Node). The MI-GAN pipeline stand-in (layout migan-pipeline, models/README.md):
// the export's exact I/O — `image` uint8 [batch,3,H,W] RGB, `mask` uint8 [batch,1,H,W] with 255 = known and
// 0 = hole, `result` uint8 [batch,3,H,W], H and W dynamic — and an analytic fill:
// [Note: stand-in eraser] every hole pixel (mask < 128) becomes the mean colour of the ring of known pixels
// within RING_RADIUS (Chebyshev distance) of the hole, rounded; known pixels come back unchanged. So a
// swapped mask polarity, a BGR or HWC buffer, a 0–1 value range or a patch pasted in the wrong place each
// give a colour or position a test can tell from the right one.
import { GraphBuilder } from '../graph-builder';

export const RING_RADIUS = 8;

export function miganPipelineStandin(): Uint8Array {
  const g = new GraphBuilder('standin-migan-pipeline');
  const image = g.op('Cast', [g.input('image', 'uint8', ['batch_size', 3, 'height', 'width'])], { to: FLOAT });
  const mask = g.op('Cast', [g.input('mask', 'uint8', ['batch_size', 1, 'height', 'width'])], { to: FLOAT });
  const known = g.op('Cast', [g.op('Greater', [mask, g.f32(127.5)])], { to: FLOAT });
  const hole = g.op('Sub', [g.f32(1), known]);
  const side = 2 * RING_RADIUS + 1;
  const near = g.op('MaxPool', [hole], {
    kernel_shape: [side, side],
    pads: [RING_RADIUS, RING_RADIUS, RING_RADIUS, RING_RADIUS],
    strides: [1, 1],
  });
  const ring = g.op('Mul', [near, known]);
  const axes = g.i64([2, 3]);
  const sum = g.op('ReduceSum', [g.op('Mul', [image, ring]), axes], { keepdims: 1 });
  const count = g.op('Max', [g.op('ReduceSum', [ring, axes], { keepdims: 1 }), g.f32(1)]);
  const mean = g.op('Div', [sum, count]);
  const filled = g.op('Add', [g.op('Mul', [image, known]), g.op('Mul', [mean, hole])]);
  const bytes = g.op('Cast', [g.op('Clip', [g.op('Round', [filled]), g.f32(0), g.f32(255)])], { to: UINT8 });
  g.output('result', 'uint8', ['batch_size', 3, 'height', 'width'], bytes);
  return g.toBytes();
}

const FLOAT = 1;
const UINT8 = 2;
