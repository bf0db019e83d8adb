// Runs in: CLI and tests (Node). SAM 2's Hiera MultiScaleBlock on an [1, H, W, C] map: layer norm, attention
// in windows (or global) with the joint qkv projection, query max-pooling 2×2 at a stage's first block
// (the shortcut projected and pooled the same way), output projection, residual, GELU MLP ×4.
import { layerNorm, linear, mlp } from '../layers';
import type { T, TwinGraph } from '../twin-graph';

/** [1, H, W, C] → [windows, win, win, C], zero-padding H and W up to a multiple of win. */
function partition(t: TwinGraph, x: T, win: number): { parts: T; n: number } {
  const [, h, , c] = x.shape as number[] as [number, number, number, number];
  const n = Math.ceil(h / win);
  const padded = n * win === h ? x : t.op('Pad', [x.name, t.g.i64([0, 0, 0, 0, 0, n * win - h, n * win - h, 0])], [1, n * win, n * win, c]);
  return { parts: t.reshape(t.transpose(t.reshape(padded, [1, n, win, n, win, c]), [0, 1, 3, 2, 4, 5]), [n * n, win, win, c]), n };
}

function unpartition(t: TwinGraph, parts: T, n: number, size: number): T {
  const [, win, , c] = parts.shape as number[] as [number, number, number, number];
  const whole = t.reshape(t.transpose(t.reshape(parts, [1, n, n, win, win, c]), [0, 1, 3, 2, 4, 5]), [1, n * win, n * win, c]);
  return n * win === size
    ? whole
    : t.op('Slice', [whole.name, t.g.i64([0, 0]), t.g.i64([size, size]), t.g.i64([1, 2])], [1, size, size, c]);
}

/** 2×2 max-pool of an [B, h, w, C] map (NHWC, as Hiera's do_pool). */
function pool(t: TwinGraph, x: T): T {
  const [b, h, w, c] = x.shape as number[] as [number, number, number, number];
  const nchw = t.transpose(x, [0, 3, 1, 2]);
  return t.transpose(t.op('MaxPool', [nchw], [b, c, h / 2, w / 2], { kernel_shape: [2, 2], strides: [2, 2] }), [0, 2, 3, 1]);
}

function attend(t: TwinGraph, x: T, dimOut: number, heads: number, qPool: boolean): T {
  const g = t.g;
  const [b, h, w] = x.shape as number[] as [number, number, number, number];
  const n = h * w;
  const d = dimOut / heads;
  const qkv = linear(t, t.reshape(x, [b, n, x.shape[3]!]), 3 * dimOut);
  const part = (i: number) => t.op('Slice', [qkv.name, g.i64([i * dimOut]), g.i64([(i + 1) * dimOut]), g.i64([2])], [b, n, dimOut]);
  let q = part(0);
  const [qh, qw] = qPool ? [h / 2, w / 2] : [h, w];
  if (qPool) q = t.reshape(pool(t, t.reshape(q, [b, h, w, dimOut])), [b, qh * qw, dimOut]);
  const heads4 = (y: T, len: number) => t.transpose(t.reshape(y, [b, len, heads, d]), [0, 2, 1, 3]);
  const kT = t.transpose(t.reshape(part(1), [b, n, heads, d]), [0, 2, 3, 1]);
  const scores = t.mul(t.op('MatMul', [heads4(q, qh * qw), kT], [b, heads, qh * qw, n]), g.f32(1 / Math.sqrt(d)));
  const mixed = t.op('MatMul', [t.op('Softmax', [scores], scores.shape, { axis: -1 }), heads4(part(2), n)], [b, heads, qh * qw, d]);
  return linear(t, t.reshape(t.transpose(mixed, [0, 2, 1, 3]), [b, qh, qw, dimOut]), dimOut);
}

export interface HieraBlockSpec {
  dimOut: number;
  heads: number;
  /** 0: global attention. */
  win: number;
  qPool: boolean;
}

export function hieraBlock(t: TwinGraph, x: T, spec: HieraBlockSpec): T {
  const [, size, , dim] = x.shape as number[] as [number, number, number, number];
  const normed = layerNorm(t, x);
  let shortcut = x;
  if (spec.dimOut !== dim) shortcut = linear(t, normed, spec.dimOut);
  if (spec.qPool) shortcut = pool(t, shortcut);
  const outSize = spec.qPool ? size / 2 : size;
  let mixed: T;
  if (spec.win) {
    const { parts, n } = partition(t, normed, spec.win);
    mixed = unpartition(t, attend(t, parts, spec.dimOut, spec.heads, spec.qPool), n, outSize);
  } else {
    mixed = attend(t, normed, spec.dimOut, spec.heads, spec.qPool);
  }
  const y = t.add(shortcut, mixed);
  return t.add(y, mlp(t, layerNorm(t, y), 4 * spec.dimOut, spec.dimOut));
}
