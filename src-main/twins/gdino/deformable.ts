// Runs in: CLI and tests (Node). Multi-scale deformable attention as the ONNX exports run it: a value
// projection of the image tokens, sampling offsets and softmaxed weights from the queries (8 heads ×
// 4 levels × 4 points), GridSample per level, the weighted sum, an output projection. The twin samples
// around tanh(offset) instead of reference point + offset: the same work, no box geometry needed.
import { linear } from '../layers';
import type { T, TwinGraph } from '../twin-graph';

const HEADS = 8;
const POINTS = 4;

export interface Level {
  h: number;
  w: number;
}

/** queries [B, Nq, 256] attend to `memory` [B, ΣHW, 256] laid out level after level. */
export function deformableAttention(t: TwinGraph, queries: T, memory: T, levels: Level[]): T {
  const g = t.g;
  const [b, nq, c] = queries.shape as [string, number, number];
  const d = c / HEADS;
  const nl = levels.length;
  const value = linear(t, memory, c);
  const offsets = t.op('Tanh', [linear(t, queries, HEADS * nl * POINTS * 2).name], [b, nq, HEADS * nl * POINTS * 2]);
  const logits = t.reshape(linear(t, queries, HEADS * nl * POINTS), [b, nq, HEADS, nl * POINTS]);
  const weights = t.reshape(t.op('Softmax', [logits], logits.shape, { axis: -1 }), [b, nq, HEADS, nl, POINTS]);
  const grid = t.reshape(offsets, [b, nq, HEADS, nl, POINTS, 2]);
  const bh = `${HEADS}*${b}`;
  let start = 0;
  let sum: T | null = null;
  levels.forEach((lv, l) => {
    const n = lv.h * lv.w;
    const slab = t.op('Slice', [value.name, g.i64([start]), g.i64([start + n]), g.i64([1])], [b, n, c]);
    start += n;
    const map = t.reshape(t.transpose(t.reshape(slab, [b, n, HEADS, d]), [0, 2, 3, 1]), [bh, d, lv.h, lv.w]);
    const pick = (x: T, last: number[]) => t.op('Slice', [x.name, g.i64([l]), g.i64([l + 1]), g.i64([3])], [b, nq, HEADS, 1, ...last]);
    const levelGrid = t.reshape(t.transpose(pick(grid, [POINTS, 2]), [0, 2, 1, 3, 4, 5]), [bh, nq, POINTS, 2]);
    const sampled = t.op('GridSample', [map.name, levelGrid.name], [bh, d, nq, POINTS], {
      align_corners: 0,
      mode: 'bilinear',
      padding_mode: 'zeros',
    });
    const w = t.reshape(t.transpose(pick(weights, [POINTS]), [0, 2, 1, 3, 4]), [bh, 1, nq, POINTS]);
    const mixed = t.op('ReduceSum', [t.mul(sampled, w).name, g.i64([3])], [bh, d, nq], { keepdims: 0 });
    sum = sum ? t.add(sum, mixed) : mixed;
  });
  const heads = t.transpose(t.reshape(sum!, [b, HEADS, d, nq]), [0, 3, 1, 2]);
  return linear(t, t.reshape(heads, [b, nq, c]), c);
}
