// Runs in: CLI and tests (Node). SAM ViT attention with decomposed relative positions (segment-anything's
// image encoder): qkv projection, softmax(q·kᵀ/√d + q·R_h + q·R_w)·v, output projection, on [B, h, w, C].
import { linear } from '../layers';
import type { T, TwinGraph } from '../twin-graph';

/** Index (i, j) → i − j + size − 1 into a (2·size − 1)-row table, as get_rel_pos builds it. */
function relIndex(size: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) out.push(i - j + size - 1);
  return out;
}

export function vitAttention(t: TwinGraph, x: T, heads: number): T {
  const g = t.g;
  const [b, h, w, c] = x.shape as [number, number, number, number];
  const [n, d, bh] = [h * w, c / heads, b * heads];
  const qkv = t.transpose(t.reshape(linear(t, t.reshape(x, [b, n, c]), 3 * c), [b, n, 3, heads, d]), [2, 0, 3, 1, 4]);
  const part = (i: number) => t.reshape(t.op('Slice', [qkv.name, g.i64([i]), g.i64([i + 1]), g.i64([0])], [1, b, heads, n, d]), [bh, n, d]);
  const [q, k, v] = [part(0), part(1), part(2)];
  const scores = t.mul(t.op('MatMul', [q, t.transpose(k, [0, 2, 1])], [bh, n, n]), g.f32(1 / Math.sqrt(d)));

  // Decomposed relative positions: q·R_h along rows and q·R_w along columns, broadcast over the other.
  const rel = (size: number, what: string) => {
    const table = t.weight([2 * size - 1, d], { fanIn: d }, what);
    const gathered = t.op('Gather', [table, g.i64(relIndex(size), [size, size])], [size, size, d], { axis: 0 });
    return t.transpose(gathered, [0, 2, 1]); // [size, d, size]
  };
  const q4 = t.reshape(q, [bh, h, w, d]);
  const qRows = t.reshape(t.transpose(q4, [1, 0, 2, 3]), [h, bh * w, d]);
  const relH = t.transpose(t.reshape(t.op('MatMul', [qRows, rel(h, 'rel_pos_h')], [h, bh * w, h]), [h, bh, w, h]), [1, 0, 2, 3]);
  const qCols = t.reshape(t.transpose(q4, [2, 0, 1, 3]), [w, bh * h, d]);
  const relW = t.transpose(t.reshape(t.op('MatMul', [qCols, rel(w, 'rel_pos_w')], [w, bh * h, w]), [w, bh, h, w]), [1, 2, 0, 3]);
  const unsq = (y: T, axis: number, shape: number[]) => t.op('Unsqueeze', [y.name, g.i64([axis])], shape);
  let biased = t.add(t.reshape(scores, [bh, h, w, h, w]), unsq(relH, 4, [bh, h, w, h, 1]));
  biased = t.reshape(t.add(biased, unsq(relW, 3, [bh, h, w, 1, w])), [bh, n, n]);

  const mixed = t.op('MatMul', [t.op('Softmax', [biased], biased.shape, { axis: -1 }), v], [bh, n, d]);
  const merged = t.reshape(t.transpose(t.reshape(mixed, [b, heads, n, d]), [0, 2, 1, 3]), [b, h, w, c]);
  return linear(t, merged, c);
}
