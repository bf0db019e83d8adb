// Runs in: CLI and tests (Node). The LaMa stand-in (layout lama-fixed, models/README.md `lama-512`): the
// export's exact I/O — `image` float32 [batch,3,512,512] RGB 0–1, `mask` float32 [batch,1,512,512] with
// 1 = hole, `output` float32 [batch,3,512,512] in 0–255 (×255 and clamped in the graph, as Carve's
// ExportLama does), H and W fixed so ORT refuses any other size — and an analytic fill:
// [Note: stand-in LaMa] every hole pixel (mask > 0.5) becomes the mean colour of the known pixels within
// LAMA_RING_RADIUS (Chebyshev distance, at 512 scale) of the hole; known pixels come back ×255. So a
// flipped mask, a 0–255 input (clamps to white), an output scaled again, a BGR buffer or a patch pasted in
// the wrong place each give a colour or position a test can tell from the right one.
import { GraphBuilder } from '../graph-builder';

export const LAMA_SIZE = 512;
export const LAMA_RING_RADIUS = 8;

export function lamaFixedStandin(): Uint8Array {
  const g = new GraphBuilder('standin-lama-fixed');
  const image = g.input('image', 'float32', ['batch', 3, LAMA_SIZE, LAMA_SIZE]);
  const mask = g.input('mask', 'float32', ['batch', 1, LAMA_SIZE, LAMA_SIZE]);
  const hole = g.op('Cast', [g.op('Greater', [mask, g.f32(0.5)])], { to: FLOAT });
  const known = g.op('Sub', [g.f32(1), hole]);
  const side = 2 * LAMA_RING_RADIUS + 1,
    r = LAMA_RING_RADIUS;
  const near = g.op('MaxPool', [hole], { kernel_shape: [side, side], pads: [r, r, r, r], strides: [1, 1] });
  const ring = g.op('Mul', [near, known]);
  const axes = g.i64([2, 3]);
  const sum = g.op('ReduceSum', [g.op('Mul', [image, ring]), axes], { keepdims: 1 });
  const count = g.op('Max', [g.op('ReduceSum', [ring, axes], { keepdims: 1 }), g.f32(1)]);
  const mean = g.op('Div', [sum, count]);
  const filled = g.op('Add', [g.op('Mul', [image, known]), g.op('Mul', [mean, hole])]);
  const scaled = g.op('Clip', [g.op('Mul', [filled, g.f32(255)]), g.f32(0), g.f32(255)]);
  g.output('output', 'float32', ['batch', 3, LAMA_SIZE, LAMA_SIZE], scaled);
  return g.toBytes();
}

const FLOAT = 1;
