// Runs in: CLI and tests (Node). Grounding DINO (Swin-T) twin with the onnx-community contract
// (model-contracts.md §4.2): pixel_values, pixel_mask, input_ids, token_type_ids, attention_mask → logits
// [batch, 900, 256] (−inf past the text), pred_boxes [batch, 900, 4]. Swin-T, BERT-base, 4 feature levels
// (1×1 projections + GroupNorm, a stride-2 3×3 extra level), 6 encoder layers (image↔text bi-attention at
// 1,024 wide with 4 heads, deformable self-attention, text self-attention, FFNs 2,048 / 1,024), query
// selection of the 900 image tokens most similar to the text, 6 decoder layers (self-attention, text
// cross-attention, deformable cross-attention, FFN 2,048), contrastive logits and a sigmoid box MLP.
// Like the gdino-tiny export the graph works at one input size (the export's 800×800; `side` sets it).
// Target (performance.md §1, [S25b] + §8): 172 M parameters; ~411 GMAC at 800×1344 with ~20 text tokens.
import { attention, conv, groupNorm, layerNorm, linear, mlp } from '../layers';
import { TwinGraph, type T } from '../twin-graph';
import { bertBase } from './bert';
import { deformableAttention, type Level } from './deformable';
import { swinT } from './swin';

const QUERIES = 900;
const MAX_TEXT = 256;

export function gdinoTwin(file: string, size: { height: number; width: number } = { height: 800, width: 800 }, width = 1): TwinGraph {
  const t = new TwinGraph('gdino_tiny_twin', `${file}.data`);
  const g = t.g;
  // 256 wide at width 1; multiples of 32 (GroupNorm, 8 heads) below.
  const C = Math.max(32, Math.round((256 * width) / 32) * 32);
  const k = C / 256;
  const raw = t.input('pixel_values', ['batch', 3, 'height', 'width']);
  g.input('pixel_mask', 'int64', ['batch', 'height', 'width']);
  const ids = g.input('input_ids', 'int64', ['batch', 'sequence']);
  const typeIds = g.input('token_type_ids', 'int64', ['batch', 'sequence']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'sequence']);
  const pixels = t.reshape(raw, ['batch', 3, size.height, size.width]);

  const feats = swinT(t, pixels, width);
  const maps = feats.map((f, i) => t.within(`input_proj.${i}`, () => groupNorm(t, conv(t, f, C, 1))));
  maps.push(t.within('input_proj.3', () => groupNorm(t, conv(t, feats[2]!, C, 3, { stride: 2 }))));
  const levels: Level[] = maps.map((m) => ({ h: m.shape[2] as number, w: m.shape[3] as number }));
  const n = levels.reduce((s, l) => s + l.h * l.w, 0);
  const flat = maps.map((m, i) =>
    t.add(
      t.transpose(t.reshape(m, ['batch', C, levels[i]!.h * levels[i]!.w]), [0, 2, 1]),
      t.weight([1, 1, C], { fanIn: 1 }, `level_embed${i}`),
    ),
  );
  let image = t.op('Concat', flat, ['batch', n, C], { axis: 1 });
  const bert = bertBase(t, ids, typeIds, mask, C, width);
  let text = bert.text;

  for (let i = 0; i < 6; i++) {
    t.within(`encoder.layers.${i}`, () => {
      const fused = biAttention(t, layerNorm(t, image), layerNorm(t, text), bert.keyBias, 4 * C);
      image = t.add(image, fused.image);
      text = t.add(text, fused.text);
      image = layerNorm(t, t.add(image, deformableAttention(t, image, image, levels)));
      image = layerNorm(t, t.add(image, mlp(t, image, 2048 * k, C)));
      text = layerNorm(t, t.add(text, attention(t, text, text, text, 4, C, C, bert.keyBias)));
      text = layerNorm(t, t.add(text, mlp(t, text, 1024 * k, C)));
    });
  }

  // Query selection: the image tokens whose best text similarity is highest.
  const scored = t.within('enc_output', () => layerNorm(t, linear(t, image, C)));
  const sim = t.op('MatMul', [scored, t.transpose(text, [0, 2, 1])], ['batch', n, 'sequence']);
  const best = g.op('ReduceMax', [sim.name], { axes: [2], keepdims: 0 });
  const top = g.opN('TopK', [best, g.i64([QUERIES])], { axis: 1 }, 2)[1]!;
  const gatherShape = g.op('Concat', [g.op('Slice', [g.op('Shape', [ids]), g.i64([0]), g.i64([1])]), g.i64([QUERIES, C])], { axis: 0 });
  const queryPos = t.op(
    'GatherElements',
    [scored.name, g.op('Expand', [g.op('Unsqueeze', [top, g.i64([2])]), gatherShape])],
    ['batch', QUERIES, C],
    { axis: 1 },
  );
  let q = t.op('Expand', [t.weight([1, QUERIES, C], { fanIn: 1 }, 'query_embed'), gatherShape], ['batch', QUERIES, C]);
  for (let i = 0; i < 6; i++) {
    t.within(`decoder.layers.${i}`, () => {
      const withPos = t.add(q, queryPos);
      q = layerNorm(t, t.add(q, attention(t, withPos, withPos, q, 8, C)));
      q = layerNorm(t, t.add(q, attention(t, t.add(q, queryPos), text, text, 8, C, C, bert.keyBias)));
      q = layerNorm(t, t.add(q, deformableAttention(t, t.add(q, queryPos), image, levels)));
      q = layerNorm(t, t.add(q, mlp(t, q, 2048 * k, C)));
    });
  }
  // Contrastive logits over the text tokens, −inf on padding and past the text up to 256.
  const scores = t.op('MatMul', [q, t.transpose(text, [0, 2, 1])], ['batch', QUERIES, 'sequence']);
  const masked = g.op('Where', [g.op('Equal', [g.op('Unsqueeze', [mask, g.i64([1])]), g.i64(0)]), g.f32(-Infinity), scores.name]);
  const pads = g.op(
    'Concat',
    [g.i64([0, 0, 0, 0, 0]), g.op('Sub', [g.i64([MAX_TEXT]), g.op('Gather', [g.op('Shape', [ids]), g.i64([1])])])],
    { axis: 0 },
  );
  g.output('logits', 'float32', ['batch', QUERIES, MAX_TEXT], g.op('Pad', [masked, pads, g.f32(-Infinity)]));
  const boxes = t.within('bbox_embed', () =>
    linear(t, t.op('Relu', [linear(t, t.op('Relu', [linear(t, q, C).name], ['batch', QUERIES, C]), C).name], ['batch', QUERIES, C]), 4),
  );
  t.output('pred_boxes', ['batch', QUERIES, 4], t.op('Sigmoid', [boxes], boxes.shape));
  return t;
}

/** Image↔text bi-attention (embed 1,024, 4 heads): each side reads the other through one score matrix. */
function biAttention(t: TwinGraph, image: T, text: T, keyBias: string, inner: number): { image: T; text: T } {
  const C = image.shape[2] as number;
  const [heads, d] = [4, inner / 4];
  const split = (x: T, len: string | number) => t.transpose(t.reshape(x, ['batch', len, heads, d]), [0, 2, 1, 3]);
  const n = image.shape[1] as number;
  const q = split(linear(t, image, inner), n);
  const k = split(linear(t, text, inner), 'sequence');
  const vImage = split(linear(t, image, inner), n);
  const vText = split(linear(t, text, inner), 'sequence');
  const scores = t.mul(t.op('MatMul', [q, t.transpose(k, [0, 1, 3, 2])], ['batch', heads, n, 'sequence']), t.g.f32(1 / Math.sqrt(d)));
  const toImage = t.op('Softmax', [t.add(scores, keyBias)], scores.shape, { axis: -1 });
  const toText = t.op('Softmax', [t.transpose(scores, [0, 1, 3, 2])], ['batch', heads, 'sequence', n], { axis: -1 });
  const merge = (x: T, len: string | number) => t.reshape(t.transpose(x, [0, 2, 1, 3]), ['batch', len, inner]);
  const imageOut = linear(t, merge(t.op('MatMul', [toImage, vText], ['batch', heads, n, d]), n), C);
  const textOut = linear(t, merge(t.op('MatMul', [toText, vImage], ['batch', heads, 'sequence', d]), 'sequence'), C);
  return { image: imageOut, text: textOut };
}
