// Runs in: CLI and tests (Node). MobileSAM image-encoder twin (TinyViT-5M as MobileSAM configures it):
// the Acly/samexporter HWC contract with SAM's preprocessing in the graph, and the encoder's layer kinds at
// 1024²: conv patch embedding, MBConv stage at 256², windowed-attention TinyViT stages (attention, depthwise
// local conv, GELU MLP, layer norms) at 128² and 64², patch-merging downsamples, the SAM conv/LN2d neck.
// Target (performance.md §1, [S2][S3]): 38.2 GMAC, encoder ≈ 5 M parameters.
import { SAM1_MEAN, SAM1_STD } from '../../standins/sam/encoder-sam1';
import { conv, gelu, layerNorm, layerNorm2d, mlp, windowAttention } from '../layers';
import { TwinGraph, type T } from '../twin-graph';

/** Stage widths, depths, heads and windows at width 1 (TinyViT-5M: 64/128/160/320, depths 2/2/6/2). */
const STAGES = [
  { dim: 64, depth: 2, heads: 0, win: 0 }, // MBConv stage
  { dim: 128, depth: 2, heads: 4, win: 8 },
  { dim: 160, depth: 6, heads: 5, win: 16 },
  { dim: 320, depth: 2, heads: 10, win: 8 },
];

export function mobileSamEncoderTwin(file: string, width = 1): TwinGraph {
  const t = new TwinGraph('mobilesam_encoder_twin', `${file}.data`);
  const frame = samInputFrame(t);

  const dims = STAGES.map((s) => Math.max(s.heads || 4, Math.round(s.dim * width)));
  let x = t.within('patch_embed', () => conv(t, gelu(t, conv(t, frame, dims[0]! / 2, 3, { stride: 2 })), dims[0]!, 3, { stride: 2 }));
  for (let i = 0; i < STAGES[0]!.depth; i++) x = t.within(`layers.0.${i}`, () => mbConv(t, x));
  let size = 256;
  for (let s = 1; s < STAGES.length; s++) {
    const stride = size > 64 ? 2 : 1; // MobileSAM keeps the last stage at 64²
    x = t.within(`layers.${s}.merge`, () => patchMerge(t, x, dims[s]!, stride));
    size /= stride;
    let tokens = t.reshape(t.transpose(x, [0, 2, 3, 1]), [1, size * size, dims[s]!]);
    for (let i = 0; i < STAGES[s]!.depth; i++) tokens = t.within(`layers.${s}.${i}`, () => vitBlock(t, tokens, size, STAGES[s]!));
    x = t.transpose(t.reshape(tokens, [1, size, size, dims[s]!]), [0, 3, 1, 2]);
  }
  const neck = t.within('neck', () =>
    layerNorm2d(t, conv(t, layerNorm2d(t, conv(t, x, 256, 1, { bias: false })), 256, 3, { bias: false })),
  );
  t.output('image_embeddings', [1, 256, 64, 64], neck);
  return t;
}

/** input_image [h, w, 3] RGB 0–255, long side 1024 → normalised, zero-padded bottom/right to 1024². */
export function samInputFrame(t: TwinGraph): T {
  const g = t.g;
  const image = t.input('input_image', ['image_height', 'image_width', 3]);
  const norm = g.op('Div', [g.op('Sub', [image.name, g.f32(SAM1_MEAN)]), g.f32(SAM1_STD)]);
  const chw = g.op('Unsqueeze', [g.op('Transpose', [norm], { perm: [2, 0, 1] }), g.i64([0])]);
  const hw = g.op('Slice', [g.op('Shape', [image.name]), g.i64([0]), g.i64([2])]);
  const pads = g.op('Concat', [g.i64([0, 0, 0, 0, 0, 0]), g.op('Sub', [g.i64([1024, 1024]), hw])], { axis: 0 });
  return t.op('Pad', [chw, pads, g.f32(0)], [1, 3, 1024, 1024]);
}

/** Inverted residual: 1×1 expand ×4, depthwise 3×3, 1×1 project, residual. */
function mbConv(t: TwinGraph, x: T): T {
  const c = x.shape[1] as number;
  const wide = gelu(t, conv(t, gelu(t, conv(t, x, 4 * c, 1)), 4 * c, 3, { groups: 4 * c }));
  return gelu(t, t.add(x, conv(t, wide, c, 1)));
}

/** 1×1 to the new width, depthwise 3×3 with the stride, 1×1. */
function patchMerge(t: TwinGraph, x: T, cout: number, stride: number): T {
  const y = gelu(t, conv(t, gelu(t, conv(t, x, cout, 1)), cout, 3, { stride, groups: cout }));
  return conv(t, y, cout, 1);
}

/** TinyViT block: windowed attention, depthwise 3×3 local conv, MLP ×4; pre-norm residuals. */
function vitBlock(t: TwinGraph, x: T, size: number, stage: { heads: number; win: number }): T {
  const c = x.shape[2] as number;
  let y = t.add(x, windowAttention(t, layerNorm(t, x), size, size, stage.win, stage.heads));
  const map = t.transpose(t.reshape(y, [1, size, size, c]), [0, 3, 1, 2]);
  const local = conv(t, map, c, 3, { groups: c });
  y = t.reshape(t.transpose(local, [0, 2, 3, 1]), [1, size * size, c]);
  return t.add(y, mlp(t, layerNorm(t, y), 4 * c, c));
}
