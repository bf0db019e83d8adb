// Runs in: CLI and tests (Node). CLIP ViT-L/14 text encoder twin (SD 1.5's): token and position
// embeddings, 12 pre-norm layers (causal 12-head self-attention, MLP 3072 with quick-GELU), final layer
// norm, and the pooled output at the end-of-text token (the highest id), with the diffusers export's
// contract: input_ids int32 [batch,sequence] → last_hidden_state, pooler_output.
// Target (performance.md §1): 123.1 M parameters, 6.65 GMAC for 77 tokens [S15][S16] (computed 6.65).
import { attention, layerNorm, linear } from '../layers';
import { TwinGraph, type T } from '../twin-graph';

const VOCAB = 49408;
const MAX_TOKENS = 77;
const HIDDEN = 768;

export function textEncoderTwin(width = 1): TwinGraph {
  const t = new TwinGraph('clip_text_encoder_twin', 'model.onnx.data');
  const g = t.g;
  // 12 heads of 64 at width 1; fewer channels per head (at least 8) at reduced widths.
  const inner = 12 * Math.max(8, Math.round(64 * width));
  const ids = g.input('input_ids', 'int32', ['batch', 'sequence']);
  const seq = g.op('Gather', [g.op('Shape', [ids]), g.i64([1])], { axis: 0 }); // [1]
  const tokens = t.op(
    'Gather',
    [t.weight([VOCAB, inner], { fanIn: 1 }, 'token_embedding'), g.op('Cast', [ids], { to: 7 })],
    ['batch', 'sequence', inner],
    { axis: 0 },
  );
  const positions = t.op(
    'Slice',
    [t.weight([MAX_TOKENS, inner], { fanIn: 1 }, 'position_embedding'), g.i64([0]), seq],
    ['sequence', inner],
  );
  // −10⁴ above the diagonal: each token attends to itself and those before it.
  const causal: number[] = [];
  for (let i = 0; i < MAX_TOKENS; i++) for (let j = 0; j < MAX_TOKENS; j++) causal.push(j > i ? -1e4 : 0);
  const mask = g.op('Slice', [
    g.f32(causal, [MAX_TOKENS, MAX_TOKENS]),
    g.i64([0, 0]),
    g.op('Concat', [seq, seq], { axis: 0 }),
    g.i64([0, 1]),
  ]);
  let x = t.add(tokens, positions);
  for (let i = 0; i < 12; i++) {
    x = t.within(`encoder.layers.${i}`, () => {
      const h = layerNorm(t, x);
      const y = t.add(x, attention(t, h, h, h, 12, inner, inner, mask));
      const up = linear(t, layerNorm(t, y), 4 * inner);
      return t.add(y, linear(t, t.mul(up, t.op('Sigmoid', [t.mul(up, g.f32(1.702))], up.shape)), inner));
    });
  }
  let hidden = layerNorm(t, x);
  if (inner !== HIDDEN) hidden = linear(t, hidden, HIDDEN);
  t.output('last_hidden_state', ['batch', 'sequence', HIDDEN], hidden);
  t.output('pooler_output', ['batch', HIDDEN], pooled(t, ids, seq, hidden));
  return t;
}

/** The hidden state at argmax(input_ids) per row, as a one-hot row times the states. */
function pooled(t: TwinGraph, ids: string, seq: string, hidden: T): T {
  const g = t.g;
  const last = g.op('ArgMax', [g.op('Cast', [ids], { to: 7 })], { axis: 1, keepdims: 1 }); // [B,1]
  const range = g.op('Range', [g.i64(0), g.op('Squeeze', [seq, g.i64([0])]), g.i64(1)]);
  const onehot = t.op('Unsqueeze', [g.op('Cast', [g.op('Equal', [last, range])], { to: 1 }), g.i64([1])], ['batch', 1, 'sequence']);
  return t.reshape(t.op('MatMul', [onehot, hidden], ['batch', 1, HIDDEN]), ['batch', HIDDEN]);
}
