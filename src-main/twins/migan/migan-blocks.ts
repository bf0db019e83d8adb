// Runs in: CLI and tests (Node). MI-GAN's generator layers as its inference model defines them (the
// authors' lib/model_zoo/migan_inference.py, models/README.md source J): depthwise-separable 3×3 convs
// with leaky ReLU ×√2, a fixed 4×4 depthwise blur for stride-2 down and 2× up (zero insertion by a
// grouped transposed conv), and 1×1 fromRGB/toRGB convs.
import { conv } from '../layers';
import type { T, TwinGraph } from '../twin-graph';

/** lrelu(0.2) × √2, clamped to ±256 as the export's lrelu_agc. */
export function lreluAgc(t: TwinGraph, x: T): T {
  const y = t.mul(t.op('LeakyRelu', [x], x.shape, { alpha: 0.2 }), t.g.f32(Math.SQRT2));
  return t.op('Clip', [y.name, t.g.f32(-256), t.g.f32(256)], y.shape);
}

/** The fixed [1,3,3,1]² blur as a depthwise 4×4 conv, stride 2 (Downsample2d). */
function downsample(t: TwinGraph, x: T): T {
  return conv(t, x, x.shape[1] as number, 4, { stride: 2, pad: 1, groups: x.shape[1] as number, bias: false });
}

/** Zero insertion (grouped 2×2 transposed conv), then the 4×4 blur padded (2,1) (Upsample2d). */
export function upsample(t: TwinGraph, x: T): T {
  const [n, c, h, w] = x.shape as [T['shape'][0], number, number, number];
  const zeros = t.op('ConvTranspose', [x.name, t.weight([c, 1, 2, 2], { fanIn: 1 })], [n, c, 2 * h, 2 * w], {
    kernel_shape: [2, 2],
    strides: [2, 2],
    group: c,
  });
  const padded = t.op('Pad', [zeros.name, t.g.i64([0, 0, 2, 2, 0, 0, 1, 1])], [n, c, 2 * h + 3, 2 * w + 3]);
  return conv(t, padded, c, 4, { pad: 0, groups: c, bias: false });
}

/** SeparableConv2d: depthwise 3×3 (bias) → act → [down] → pointwise 1×1 (no bias) → [up] → act. */
export function separable(t: TwinGraph, x: T, cout: number, o: { down?: boolean; up?: boolean } = {}): T {
  const cin = x.shape[1] as number;
  let y = lreluAgc(t, conv(t, x, cin, 3, { groups: cin }));
  if (o.down) y = downsample(t, y);
  y = conv(t, y, cout, 1, { bias: false });
  if (o.up) y = upsample(t, y);
  return lreluAgc(t, y);
}

/** Channels at a resolution: min(32768 / res, 512) (ch_base, ch_max of configs/model/migan.yaml), scaled. */
export const channelsAt = (res: number, width: number): number => Math.max(1, Math.round(Math.min(32768 / res, 512) * width));

/** Encoder from 512² down to 4²: each block conv1 at its resolution, conv2 down to the next; features kept for the skips. */
export function encoder(t: TwinGraph, img: T, width: number): { x: T; feats: Map<number, T> } {
  const feats = new Map<number, T>();
  let x = lreluAgc(
    t,
    t.within('fromrgb', () => conv(t, img, channelsAt(512, width), 1)),
  );
  for (let res = 512; res >= 4; res /= 2) {
    t.within(`encoder.b${res}`, () => {
      const feat = separable(t, x, channelsAt(res, width));
      feats.set(res, feat);
      x = res > 4 ? separable(t, feat, channelsAt(res / 2, width), { down: true }) : separable(t, feat, channelsAt(4, width));
    });
  }
  return { x, feats };
}

/** Synthesis from 4² up to 512²: conv1 (up), add the encoder's skip, conv2, and an RGB image summed across scales. */
export function synthesis(t: TwinGraph, x0: T, feats: Map<number, T>, width: number): T {
  let x = x0;
  let img: T | null = null;
  for (let res = 4; res <= 512; res *= 2) {
    t.within(`synthesis.b${res}`, () => {
      x = separable(t, x, channelsAt(res, width), { up: res > 4 });
      x = separable(t, t.add(x, feats.get(res)!), channelsAt(res, width));
      const rgb = conv(t, x, 3, 1);
      img = img ? t.add(upsample(t, img), rgb) : rgb;
    });
  }
  return img!;
}
