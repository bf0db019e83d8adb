// Runs in: CLI and tests (Node). SAM 1 prompt encoder + mask decoder twin (the decoder MobileSAM and SAM
// ViT-B/L/H share), official SamOnnxModel contract (model-contracts.md §1.1), 4 masks: random-Fourier point
// and dense position encodings, mask-input downscaling convs, the two-way transformer (2 blocks: token
// self-attention, token→image and image→token cross-attention at half width, MLP 2048; post-residual
// layer norms), final attention, two transposed-conv 2× upscalers, per-mask hypernetwork MLPs, IoU head,
// the single-mask export's in-graph choice, and the graph's upsampling of `masks` to orig_im_size.
// Target (performance.md §1, [S3] + §8): 3.876 M parameters; 1.81 GMAC per click (7 tokens).
import { upscale } from '../../standins/sam/decoder-sam1';
import { attention, convTranspose, conv, gelu, layerNorm, layerNorm2d, linear, mlp } from '../layers';
import { TwinGraph, type T } from '../twin-graph';

const C = 256;
const MASKS = 4;

/** `maskCount` 1: the --return-single-mask export, which picks one of the 4 masks in the graph. */
export function samDecoderTwin(file: string, maskCount: 1 | 4 = 4): TwinGraph {
  const t = new TwinGraph(`sam_decoder_${maskCount}_twin`, `${file}.data`);
  const g = t.g;
  const emb = t.input('image_embeddings', [1, C, 64, 64]);
  const coords = t.input('point_coords', [1, 'num_points', 2]);
  const labels = t.input('point_labels', [1, 'num_points']);
  const maskInput = t.input('mask_input', [1, 1, 256, 256]);
  const hasMask = t.input('has_mask_input', [1]);
  const orig = t.input('orig_im_size', [2]);

  const gaussian = t.weight([2, C / 2], { fanIn: 1 }, 'pe_gaussian');
  // Fourier features of coordinates in [0, 1]: sin and cos of 2π·(2p − 1)·G.
  const fourier = (p: T, n: string | number) => {
    const proj = t.mul(t.op('MatMul', [t.add(t.mul(p, g.f32(2)), g.f32(-1)), gaussian], [1, n, C / 2]), g.f32(2 * Math.PI));
    return t.op('Concat', [t.op('Sin', [proj], proj.shape), t.op('Cos', [proj], proj.shape)], [1, n, C], { axis: -1 });
  };
  // Sparse: PE of each point (zero for padding, label −1) plus its label's embedding.
  const points = t.within('prompt_encoder', () => {
    const pe = fourier(t.mul(t.add(coords, g.f32(0.5)), g.f32(1 / 1024)), 'num_points');
    const real = t.op('Cast', [g.op('Not', [g.op('Equal', [labels.name, g.f32(-1)])])], labels.shape, { to: 1 });
    const index = g.op('Cast', [t.add(labels, g.f32(1)).name], { to: 7 });
    const labelEmbed = t.op('Gather', [t.weight([5, C], { fanIn: 1 }, 'point_embeddings'), index], [1, 'num_points', C], { axis: 0 });
    return t.add(t.mul(pe, t.op('Unsqueeze', [real, g.i64([2])], [1, 'num_points', 1])), labelEmbed);
  });
  // Dense: mask_input downscaled to 64² when has_mask_input, else the learned "no mask" embedding.
  const dense = t.within('mask_downscaling', () => {
    let m = gelu(t, layerNorm2d(t, conv(t, maskInput, 4, 2, { stride: 2, pad: 0 })));
    m = conv(t, gelu(t, layerNorm2d(t, conv(t, m, 16, 2, { stride: 2, pad: 0 }))), C, 1);
    const noMask = t.op('Mul', [t.add(t.mul(hasMask, g.f32(-1)), g.f32(1)), t.weight([1, C, 1, 1], { fanIn: 1 }, 'no_mask_embed')], [1, C, 1, 1]);
    return t.add(t.mul(m, hasMask), noMask);
  });
  const grid = g.f32(gridCentres(64), [1, 64 * 64, 2]);
  const keyPe = t.within('pe_layer', () => fourier({ name: grid, shape: [1, 4096, 2] }, 4096));
  let keys = t.transpose(t.reshape(t.add(emb, dense), [1, C, 4096]), [0, 2, 1]);

  const outTokens = t.op('Unsqueeze', [t.weight([1 + MASKS, C], { fanIn: 1 }, 'output_tokens'), g.i64([0])], [1, 1 + MASKS, C]);
  const queryPe = t.op('Concat', [outTokens, points], [1, 'tokens', C], { axis: 1 });
  let queries = queryPe;
  for (let i = 0; i < 2; i++) {
    t.within(`transformer.layers.${i}`, () => {
      const q0 = i === 0 ? queries : t.add(queries, queryPe);
      const self = attention(t, q0, q0, queries, 8, C);
      queries = layerNorm(t, i === 0 ? self : t.add(queries, self));
      const k = t.add(keys, keyPe);
      queries = layerNorm(t, t.add(queries, attention(t, t.add(queries, queryPe), k, keys, 8, C / 2)));
      queries = layerNorm(t, t.add(queries, mlp(t, queries, 2048, C)));
      const q = t.add(queries, queryPe);
      keys = layerNorm(t, t.add(keys, attention(t, t.add(keys, keyPe), q, queries, 8, C / 2)));
    });
  }
  queries = t.within('transformer.final', () => layerNorm(t, t.add(queries, attention(t, t.add(queries, queryPe), t.add(keys, keyPe), keys, 8, C / 2))));

  const image = t.reshape(t.transpose(keys, [0, 2, 1]), [1, C, 64, 64]);
  const up = t.within('output_upscaling', () => gelu(t, convTranspose(t, gelu(t, layerNorm2d(t, convTranspose(t, image, C / 4, 2))), C / 8, 2)));
  const token = (i: number) => t.op('Slice', [queries.name, g.i64([i]), g.i64([i + 1]), g.i64([1])], [1, 1, C]);
  const hyper = Array.from({ length: MASKS }, (_, i) => t.within(`hypernetworks.${i}`, () => mlp3(t, token(1 + i), C / 8)));
  const hyperIn = t.op('Concat', hyper, [1, MASKS, C / 8], { axis: 1 });
  const masks = t.op('MatMul', [hyperIn, t.reshape(up, [1, C / 8, 256 * 256])], [1, MASKS, 256 * 256]);
  let lowRes = t.reshape(masks, [1, MASKS, 256, 256]);
  let iou = t.reshape(t.within('iou_head', () => mlp3(t, token(0), MASKS)), [1, MASKS]);
  if (maskCount === 1) {
    // SamOnnxModel.select_masks: argmax(iou + (num_points − 2.5)·[1000, 0, 0, 0]).
    const n = g.op('Cast', [g.op('Gather', [g.op('Shape', [coords.name]), g.i64(1)], { axis: 0 })], { to: 1 });
    const score = g.op('Add', [iou.name, g.op('Mul', [g.op('Sub', [n, g.f32(2.5)]), g.f32([1000, 0, 0, 0], [1, 4])])]);
    const best = g.op('ArgMax', [score], { axis: 1, keepdims: 0 });
    lowRes = t.op('Gather', [lowRes.name, best], [1, 1, 256, 256], { axis: 1 });
    iou = t.op('Gather', [iou.name, best], [1, 1], { axis: 1 });
  }
  g.output('masks', 'float32', [1, maskCount, 'orig_height', 'orig_width'], upscale(g, lowRes.name, orig.name, maskCount));
  t.output('iou_predictions', [1, maskCount], iou);
  t.output('low_res_masks', [1, maskCount, 256, 256], lowRes);
  return t;
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
