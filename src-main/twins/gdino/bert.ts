// Runs in: CLI and tests (Node). BERT-base text encoder for the Grounding DINO twin: word, position and
// token-type embeddings, 12 post-norm layers (12-head self-attention masked by attention_mask, GELU FFN
// 3072), then Grounding DINO's feat_map projection to 256 (fewer channels at reduced widths).
import { attention, gelu, layerNorm, linear } from '../layers';
import type { T, TwinGraph } from '../twin-graph';

const VOCAB = 30522;

/** → text features [batch, sequence, 256] and the additive key mask [batch, 1, 1, sequence]. */
export function bertBase(
  t: TwinGraph,
  ids: string,
  typeIds: string,
  attentionMask: string,
  out: number,
  width = 1,
): { text: T; keyBias: string } {
  const g = t.g;
  const HIDDEN = 12 * Math.max(8, Math.round(64 * width));
  const seq = g.op('Gather', [g.op('Shape', [ids]), g.i64([1])], { axis: 0 });
  const shape = ['batch', 'sequence', HIDDEN];
  const words = t.op('Gather', [t.weight([VOCAB, HIDDEN], { fanIn: 1 }, 'word_embeddings'), ids], shape, { axis: 0 });
  const types = t.op('Gather', [t.weight([2, HIDDEN], { fanIn: 1 }, 'token_type_embeddings'), typeIds], shape, { axis: 0 });
  const positions = t.op('Slice', [t.weight([512, HIDDEN], { fanIn: 1 }, 'position_embeddings'), g.i64([0]), seq], ['sequence', HIDDEN]);
  // (1 − mask)·−10⁴ on the keys, broadcast over heads and queries.
  const keyBias = g.op('Unsqueeze', [
    g.op('Mul', [g.op('Sub', [g.f32(1), g.op('Cast', [attentionMask], { to: 1 })]), g.f32(-1e4)]),
    g.i64([1, 2]),
  ]);
  let x = layerNorm(t, t.add(t.add(words, types), positions));
  for (let i = 0; i < 12; i++) {
    x = t.within(`bert.encoder.layer.${i}`, () => {
      const y = layerNorm(t, t.add(x, attention(t, x, x, x, 12, HIDDEN, HIDDEN, keyBias)));
      return layerNorm(t, t.add(y, linear(t, gelu(t, linear(t, y, 4 * HIDDEN)), HIDDEN)));
    });
  }
  return { text: t.within('feat_map', () => linear(t, x, out)), keyBias };
}
