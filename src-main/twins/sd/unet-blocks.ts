// Runs in: CLI and tests (Node). The SD 1.5 UNet's building blocks as diffusers defines them: ResnetBlock2D
// (GroupNorm, SiLU, 3×3 convs, time-embedding projection, 1×1 shortcut) and Transformer2DModel (GroupNorm,
// 1×1 proj_in, self-attention, cross-attention on the text states, GEGLU feed-forward, 1×1 proj_out).
import type { Dim } from '../../standins/graph-builder';
import { attention, conv, gelu, groupNorm, layerNorm, linear, silu } from '../layers';
import { mulDims, type T, type TwinGraph } from '../twin-graph';

/** A 1×1 conv or linear can leave its bias out; SD's attention q/k/v have none. */
export function resnet(t: TwinGraph, x: T, emb: T, cout: number): T {
  const cin = x.shape[1] as number;
  let h = conv(t, silu(t, groupNorm(t, x)), cout, 3);
  const e = linear(t, silu(t, emb), cout);
  h = t.add(h, t.op('Unsqueeze', [e.name, t.g.i64([2, 3])], [e.shape[0]!, cout, 1, 1]));
  h = conv(t, silu(t, groupNorm(t, h)), cout, 3);
  return t.add(cin === cout ? x : conv(t, x, cout, 1), h);
}

export function transformer(t: TwinGraph, x: T, context: T, heads: number): T {
  const [n, c, hh, ww] = x.shape as [Dim, number, Dim, Dim];
  const inner = conv(t, groupNorm(t, x), c, 1);
  let tokens = t.reshape(t.transpose(inner, [0, 2, 3, 1]), [n, mulDims(hh, ww), c]);
  const normed = layerNorm(t, tokens);
  tokens = t.add(tokens, attention(t, normed, normed, normed, heads, c));
  const q = layerNorm(t, tokens);
  tokens = t.add(tokens, attention(t, q, context, context, heads, c));
  tokens = t.add(tokens, geglu(t, layerNorm(t, tokens), 4 * c));
  const map = t.reshapeLike(t.transpose(tokens, [0, 2, 1]), x);
  return t.add(x, conv(t, map, c, 1));
}

/** GEGLU: linear to 2×hidden, value × GELU(gate), linear back. */
function geglu(t: TwinGraph, x: T, hidden: number): T {
  const both = linear(t, x, 2 * hidden);
  const half = [...both.shape.slice(0, -1), hidden];
  const [value, gate] = t.g.opN('Split', [both.name, t.g.i64([hidden, hidden])], { axis: -1 }, 2);
  for (const name of [value!, gate!]) t.g.annotate(name, 'float32', half);
  const mixed = t.mul({ name: value!, shape: half }, gelu(t, { name: gate!, shape: half }));
  return linear(t, mixed, x.shape[x.shape.length - 1] as number);
}
