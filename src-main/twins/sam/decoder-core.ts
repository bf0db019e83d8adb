// Runs in: CLI and tests (Node). The SAM mask decoder shared by the SAM 1 and SAM 2 twins: random-Fourier
// point and dense position encodings, mask-input downscaling convs, the two-way transformer (2 blocks:
// token self-attention, token→image and image→token cross-attention at half width, MLP 2048; layer norms
// after the residual adds), final attention, two transposed-conv 2× upscalers (SAM 2 adds its high-res
// features), per-mask hypernetwork MLPs and the IoU head. B is the prompt batch (1, or SAM 2's num_labels).
import type { Dim } from '../../standins/graph-builder';
import { attention, conv, convTranspose, gelu, layerNorm, layerNorm2d, linear, mlp } from '../layers';
import type { T, TwinGraph } from '../twin-graph';

export const C = 256;
export const MASKS = 4;

export interface DecoderInputs {
  emb: T;
  coords: T;
  labels: T;
  maskInput: T;
  hasMask: T;
  /** SAM 2: high_res_feats_0 (32 × 256²) and high_res_feats_1 (64 × 128²). */
  highRes?: { s0: T; s1: T };
}

/** → low-res logits [B, 4, 256, 256] and IoU predictions [B, 4] for the 4 mask tokens. */
export function decoderCore(t: TwinGraph, io: DecoderInputs, extraTokens: number): { lowRes: T; iou: T } {
  const g = t.g;
  const b = io.coords.shape[0]!;
  const gaussian = t.weight([2, C / 2], { fanIn: 1 }, 'pe_gaussian');
  // Fourier features of coordinates in [0, 1]: sin and cos of 2π·(2p − 1)·G.
  const fourier = (p: T, batch: Dim, n: Dim) => {
    const proj = t.mul(t.op('MatMul', [t.add(t.mul(p, g.f32(2)), g.f32(-1)), gaussian], [batch, n, C / 2]), g.f32(2 * Math.PI));
    return t.op('Concat', [t.op('Sin', [proj], proj.shape), t.op('Cos', [proj], proj.shape)], [batch, n, C], { axis: -1 });
  };
  // Sparse: PE of each point (zero for padding, label −1) plus its label's embedding.
  const points = t.within('prompt_encoder', () => {
    const pe = fourier(t.mul(t.add(io.coords, g.f32(0.5)), g.f32(1 / 1024)), b, 'num_points');
    const real = t.op('Cast', [g.op('Not', [g.op('Equal', [io.labels.name, g.f32(-1)])])], io.labels.shape, { to: 1 });
    const index = g.op('Cast', [t.add(io.labels, g.f32(1)).name], { to: 7 });
    const labelEmbed = t.op('Gather', [t.weight([5, C], { fanIn: 1 }, 'point_embeddings'), index], [b, 'num_points', C], { axis: 0 });
    return t.add(t.mul(pe, t.op('Unsqueeze', [real, g.i64([2])], [b, 'num_points', 1])), labelEmbed);
  });
  // Dense: mask_input downscaled to 64² when has_mask_input, else the learned "no mask" embedding.
  const dense = t.within('mask_downscaling', () => {
    let m = gelu(t, layerNorm2d(t, conv(t, io.maskInput, 4, 2, { stride: 2, pad: 0 })));
    m = conv(t, gelu(t, layerNorm2d(t, conv(t, m, 16, 2, { stride: 2, pad: 0 }))), C, 1);
    const has = t.op('Unsqueeze', [io.hasMask.name, g.i64([1, 2, 3])], [b, 1, 1, 1]);
    const noMask = t.op(
      'Mul',
      [t.add(t.mul(has, g.f32(-1)), g.f32(1)), t.weight([1, C, 1, 1], { fanIn: 1 }, 'no_mask_embed')],
      [b, C, 1, 1],
    );
    return t.add(t.mul(m, has), noMask);
  });
  const keyPe = t.within('pe_layer', () => fourier({ name: g.f32(gridCentres(64), [1, 64 * 64, 2]), shape: [1, 4096, 2] }, 1, 4096));
  const src = t.op('Add', [dense.name, io.emb.name], [b, C, 64, 64]);
  let keys = t.transpose(t.reshape(src, [b, C, 4096]), [0, 2, 1]);

  const count = 1 + MASKS + extraTokens;
  const tokenTable = t.op('Unsqueeze', [t.weight([count, C], { fanIn: 1 }, 'output_tokens'), g.i64([0])], [1, count, C]);
  const tokenShape = g.op('Concat', [g.op('Slice', [g.op('Shape', [points.name]), g.i64([0]), g.i64([1])]), g.i64([count, C])], {
    axis: 0,
  });
  const tokens = t.op('Expand', [tokenTable.name, tokenShape], [b, count, C]);
  const queryPe = t.op('Concat', [tokens, points], [b, 'tokens', C], { axis: 1 });
  let queries = queryPe;
  for (let i = 0; i < 2; i++) {
    t.within(`transformer.layers.${i}`, () => {
      const q0 = i === 0 ? queries : t.add(queries, queryPe);
      const self = attention(t, q0, q0, queries, 8, C);
      queries = layerNorm(t, i === 0 ? self : t.add(queries, self));
      queries = layerNorm(t, t.add(queries, attention(t, t.add(queries, queryPe), t.add(keys, keyPe), keys, 8, C / 2)));
      queries = layerNorm(t, t.add(queries, mlp(t, queries, 2048, C)));
      keys = layerNorm(t, t.add(keys, attention(t, t.add(keys, keyPe), t.add(queries, queryPe), queries, 8, C / 2)));
    });
  }
  queries = t.within('transformer.final', () =>
    layerNorm(t, t.add(queries, attention(t, t.add(queries, queryPe), t.add(keys, keyPe), keys, 8, C / 2))),
  );

  const image = t.reshape(t.transpose(keys, [0, 2, 1]), [b, C, 64, 64]);
  const up = t.within('output_upscaling', () => {
    let y = convTranspose(t, image, C / 4, 2);
    if (io.highRes) y = t.add(y, io.highRes.s1);
    y = convTranspose(t, gelu(t, layerNorm2d(t, y)), C / 8, 2);
    return gelu(t, io.highRes ? t.add(y, io.highRes.s0) : y);
  });
  const token = (i: number) => t.op('Slice', [queries.name, g.i64([i]), g.i64([i + 1]), g.i64([1])], [b, 1, C]);
  const first = extraTokens; // SAM 2 puts its object-score token first
  const hyper = Array.from({ length: MASKS }, (_, i) => t.within(`hypernetworks.${i}`, () => mlp3(t, token(first + 1 + i), C / 8)));
  const hyperIn = t.op('Concat', hyper, [b, MASKS, C / 8], { axis: 1 });
  const masks = t.op('MatMul', [hyperIn, t.reshape(up, [b, C / 8, 256 * 256])], [b, MASKS, 256 * 256]);
  const lowRes = t.reshape(masks, [b, MASKS, 256, 256]);
  const iou = t.reshape(
    t.within('iou_head', () => mlp3(t, token(first), MASKS)),
    [b, MASKS],
  );
  return { lowRes, iou };
}

/** SAM's 3-layer MLP (ReLU) used by the hypernetworks and the IoU head. */
function mlp3(t: TwinGraph, x: T, out: number): T {
  const relu = (y: T) => t.op('Relu', [y], y.shape);
  return linear(t, relu(linear(t, relu(linear(t, x, C)), C)), out);
}

/** Pixel centres of an n×n grid in [0, 1], row-major (x, y). */
function gridCentres(n: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) out.push((x + 0.5) / n, (y + 0.5) / n);
  return out;
}
