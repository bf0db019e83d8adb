// Runs in: CLI and tests (Node). big-LaMa twin with the exact contract of Carve's lama_fp32.onnx
// (models/README.md, layout lama-fixed): float32 `image` [batch,3,512,512] RGB 0–1 and `mask`
// [batch,1,512,512] with 1 = hole → `output` [batch,3,512,512] in 0–255. As the export's ExportLama it masks
// the image, concatenates the mask, runs the generator and keeps the known pixels, ×255 and clamped. The
// generator has big-LaMa's layers (source Q): a 7×7 conv, three stride-2 convs to 512 channels at 64², 18
// FFC ResNet blocks (75 % of the channels global), three transposed convs back and a 7×7 conv with a
// sigmoid: 50.9 M parameters and 232 GMAC at 512² (the FFTs as MatMuls: ffc.ts).
import { conv } from '../layers';
import { TwinGraph, type T } from '../twin-graph';
import { dftSet, ffc, relu } from './ffc';

export const LAMA_TWIN_SIZE = 512;
const BLOCKS = 18;

export function lamaTwin(width = 1): TwinGraph {
  const t = new TwinGraph('lama_twin', 'lama_fp32.onnx.data');
  const S = LAMA_TWIN_SIZE,
    ch = (c: number) => Math.max(4, Math.round(c * width));
  const image = t.input('image', ['batch', 3, S, S]),
    mask = t.input('mask', ['batch', 1, S, S]);
  const known = t.op('Sub', [t.g.f32(1), mask.name], mask.shape);
  const input = t.op('Concat', [t.mul(image, known.name), mask], ['batch', 4, S, S], { axis: 1 });
  let x = relu(
    t,
    conv(t, t.op('Pad', [input.name, t.g.i64([0, 0, 3, 3, 0, 0, 3, 3])], ['batch', 4, S + 6, S + 6], { mode: 'reflect' }), ch(64), 7, {
      pad: 0,
    }),
  );
  for (const c of [128, 256, 512]) x = relu(t, conv(t, x, ch(c), 3, { stride: 2 }));
  // The last downsampling's output is split 25 % local / 75 % global, as its ratio_gout = 0.75.
  const split = ch(512) / 4;
  const bottom = x.shape[2] as number;
  let l = t.op('Slice', [x.name, t.g.i64([0]), t.g.i64([split]), t.g.i64([1])], ['batch', split, bottom, bottom]);
  let g = t.op('Slice', [x.name, t.g.i64([split]), t.g.i64([ch(512)]), t.g.i64([1])], ['batch', ch(512) - split, bottom, bottom]);
  const dft = dftSet(t, bottom);
  for (let b = 0; b < BLOCKS; b++) {
    t.within(`resnet.${b}`, () => {
      const [l1, g1] = ffc(t, l, g, dft);
      const [l2, g2] = ffc(t, l1, g1, dft);
      [l, g] = [t.add(l, l2), t.add(g, g2)];
    });
  }
  x = t.op('Concat', [l, g], ['batch', ch(512), bottom, bottom], { axis: 1 });
  for (const c of [256, 128, 64]) x = relu(t, upsample(t, x, ch(c)));
  const padded = t.op('Pad', [x.name, t.g.i64([0, 0, 3, 3, 0, 0, 3, 3])], ['batch', ch(64), S + 6, S + 6], { mode: 'reflect' });
  const predicted = t.op('Sigmoid', [conv(t, padded, 3, 7, { pad: 0 })], ['batch', 3, S, S]);
  const inpainted = t.add(t.mul(predicted, mask.name), t.mul(image, known.name));
  t.output('output', ['batch', 3, S, S], t.op('Clip', [t.mul(inpainted, t.g.f32(255)).name, t.g.f32(0), t.g.f32(255)], inpainted.shape));
  return t;
}

/** ConvTranspose 3×3, stride 2, padding 1, output padding 1: doubles the size (LaMa's upsampling). */
function upsample(t: TwinGraph, x: T, cout: number): T {
  const [n, cin, h, w] = x.shape as [T['shape'][0], number, number, number];
  const inputs = [x.name, t.weight([cin, cout, 3, 3], { fanIn: cin * 9 }), t.weight([cout], 'zeros', 'bias')];
  return t.op('ConvTranspose', inputs, [n, cout, 2 * h, 2 * w], {
    kernel_shape: [3, 3],
    strides: [2, 2],
    pads: [1, 1, 1, 1],
    output_padding: [1, 1],
  });
}
