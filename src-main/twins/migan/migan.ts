// Runs in: CLI and tests (Node). MI-GAN-512 pipeline twin with the exact contract of migan_pipeline_v2.onnx
// (models/README.md, layout migan-pipeline): uint8 `image` [batch_size,3,height,width] RGB, uint8 `mask`
// [batch_size,1,height,width] with 255 = known, uint8 `result`. As the real pipeline it converts to float,
// resizes to 512² inside the graph, runs the generator on (mask − 0.5, image × mask) and resizes back,
// keeping the known pixels; it skips the pipeline's own crop around the mask (the adapter crops already,
// so the crop it gets is what the real one would resize). The generator (migan-blocks.ts) has MI-GAN's
// layers and channels: 5.98 M parameters, 15.1 GMAC at 512².
import { TwinGraph, type T } from '../twin-graph';
import { encoder, synthesis } from './migan-blocks';

const FLOAT = 1;
const UINT8 = 2;
const SIZE = 512;

/** Linear resize of a float NCHW tensor to `sizes` (an int64 [4] tensor name). */
function resize(t: TwinGraph, x: T, sizes: string, shape: T['shape']): T {
  return t.op('Resize', [x.name, '', '', sizes], shape, { mode: 'linear' });
}

export function miganTwin(width = 1): TwinGraph {
  const t = new TwinGraph('migan_pipeline_twin', 'migan_pipeline_v2.onnx.data');
  const g = t.g;
  const dims = ['batch_size', 3, 'height', 'width'];
  const image = t.op('Cast', [g.input('image', 'uint8', dims)], dims, { to: FLOAT });
  const maskBytes = t.op('Cast', [g.input('mask', 'uint8', ['batch_size', 1, 'height', 'width'])], ['batch_size', 1, 'height', 'width'], {
    to: FLOAT,
  });
  const known = t.op('Cast', [g.op('Greater', [maskBytes.name, g.f32(127.5)])], maskBytes.shape, { to: FLOAT });
  // Shapes for the two resizes: [batch, C] of the input with 512×512, and the input's own.
  const batchAndC = (x: T) => g.op('Slice', [g.op('Shape', [x.name]), g.i64([0]), g.i64([2])]);
  const to512 = (x: T) =>
    resize(t, x, g.op('Concat', [batchAndC(x), g.i64([SIZE, SIZE])], { axis: 0 }), [x.shape[0]!, x.shape[1]!, SIZE, SIZE]);
  const scaled = t.add(t.mul(image, g.f32(2 / 255)), g.f32(-1));
  const small = { img: to512(scaled), known: to512(known) };
  const input = t.op('Concat', [t.add(small.known, g.f32(-0.5)), t.mul(small.img, small.known)], ['batch_size', 4, SIZE, SIZE], {
    axis: 1,
  });
  const { x, feats } = encoder(t, input, width);
  const generated = synthesis(t, x, feats, width);
  const back = resize(t, generated, g.op('Shape', [image.name]), dims);
  const hole = t.add(t.mul(known, g.f32(-1)), g.f32(1));
  const blended = t.add(t.mul(scaled, known), t.mul(back, hole));
  const pixels = t.op('Clip', [t.mul(t.add(blended, g.f32(1)), g.f32(127.5)).name, g.f32(0), g.f32(255)], dims);
  const bytes = g.op('Cast', [t.op('Round', [pixels], dims).name], { to: UINT8 });
  g.output('result', 'uint8', dims, bytes);
  return t;
}
