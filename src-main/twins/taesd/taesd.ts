// Runs in: CLI and tests (Node). TAESD decoder and encoder twins (diffusers' AutoencoderTiny: 64 channels
// throughout, AutoencoderTinyBlock = three 3×3 convs with ReLU plus the identity, then ReLU; the encoder's
// (1,3,3,3) blocks between stride-2 convs without bias, the decoder's (3,3,3,1) blocks between nearest 2×
// upsamples and bias-free convs, its input clamped by tanh(x/3)·3 and its output mapped to [−1,1]), with
// Optimum's names as deinferno/taesd-onnx ships them (models/README.md, `taesd`, sources S and T).
// Targets at 512²: about 1.22 M parameters each; decoder 70.7 GMAC (performance.md §1: ~71 G), encoder 61.2 GMAC.
import { conv } from '../layers';
import { TwinGraph, type T } from '../twin-graph';
import { upsample } from '../sd/unet';

const C = 64;

function relu(t: TwinGraph, x: T): T {
  return t.op('Relu', [x], x.shape);
}

function block(t: TwinGraph, x: T, c: number): T {
  const h = conv(t, relu(t, conv(t, relu(t, conv(t, x, c, 3)), c, 3)), c, 3);
  return relu(t, t.add(h, x));
}

const ch = (width: number) => Math.max(8, Math.round(C * width));

export function taesdDecoderTwin(width = 1): TwinGraph {
  const t = new TwinGraph('taesd_decoder_twin', 'model.onnx.data');
  const c = ch(width);
  const z = t.input('latent_sample', ['batch_size', 4, 'height_latent', 'width_latent']);
  const clamped = t.mul(t.op('Tanh', [t.op('Div', [z.name, t.g.f32(3)], z.shape)], z.shape), t.g.f32(3));
  let x = relu(t, conv(t, clamped, c, 3));
  [3, 3, 3, 1].forEach((blocks, i) => {
    for (let j = 0; j < blocks; j++) x = t.within(`layers.${i}.block.${j}`, () => block(t, x, c));
    if (i < 3) x = conv(t, upsample(t, x), c, 3, { bias: false });
  });
  const rgb = conv(t, x, 3, 3);
  t.output('sample', ['batch_size', 3, 'height', 'width'], t.op('Sub', [t.mul(rgb, t.g.f32(2)).name, t.g.f32(1)], rgb.shape));
  return t;
}

export function taesdEncoderTwin(width = 1): TwinGraph {
  const t = new TwinGraph('taesd_encoder_twin', 'model.onnx.data');
  const c = ch(width);
  const image = t.input('sample', ['batch_size', 3, 'height', 'width']);
  let x = t.op('Div', [t.add(image, t.g.f32(1)).name, t.g.f32(2)], image.shape);
  [1, 3, 3, 3].forEach((blocks, i) => {
    x = i === 0 ? conv(t, x, c, 3) : conv(t, x, c, 3, { stride: 2, bias: false });
    for (let j = 0; j < blocks; j++) x = t.within(`layers.${i}.block.${j}`, () => block(t, x, c));
  });
  t.output('latent_sample', ['batch_size', 4, 'height_latent', 'width_latent'], conv(t, x, 4, 3));
  return t;
}
