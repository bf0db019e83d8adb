// Runs in: CLI and tests (Node). The layers the twins are made of, as ONNX nodes the real exports use:
// Conv/ConvTranspose, MatMul linears, LayerNormalization, group norm (InstanceNormalization on groups, as
// PyTorch exports it), GELU by Erf, SiLU, and multi-head attention with its two matmuls and a softmax.
import type { Dim } from '../standins/graph-builder';
import { mulDims, scaleDim, type T, type TwinGraph } from './twin-graph';

const num = (d: Dim): number => {
  if (typeof d !== 'number') throw new Error(`a fixed size is needed here, not "${d}"`);
  return d;
};

export interface ConvOptions {
  stride?: number;
  pad?: number;
  groups?: number;
  bias?: boolean;
}

/** NCHW convolution, square kernel. */
export function conv(t: TwinGraph, x: T, cout: number, k: number, o: ConvOptions = {}): T {
  const [n, , h, w] = x.shape as [Dim, Dim, Dim, Dim];
  const cin = num(x.shape[1]!);
  const { stride = 1, pad = Math.floor(k / 2), groups = 1, bias = true } = o;
  // Dynamic sizes: "same" padding keeps them and stride s divides them (the UNet's and VAE's convs).
  const size = (v: Dim) => (typeof v === 'number' ? Math.floor((v + 2 * pad - k) / stride) + 1 : scaleDim(v, 1 / stride));
  const inputs = [x.name, t.weight([cout, cin / groups, k, k], { fanIn: (cin / groups) * k * k })];
  if (bias) inputs.push(t.weight([cout], 'zeros', 'bias'));
  return t.op('Conv', inputs, [n, cout, size(h), size(w)], {
    kernel_shape: [k, k],
    strides: [stride, stride],
    pads: [pad, pad, pad, pad],
    group: groups,
  });
}

/** Transposed convolution with kernel = stride (SAM's 2× upscalers). */
export function convTranspose(t: TwinGraph, x: T, cout: number, k: number): T {
  const n = x.shape[0]!;
  const [cin, h, w] = x.shape.slice(1).map(num) as [number, number, number];
  const inputs = [x.name, t.weight([cin, cout, k, k], { fanIn: cin }), t.weight([cout], 'zeros', 'bias')];
  return t.op('ConvTranspose', inputs, [n, cout, h * k, w * k], { kernel_shape: [k, k], strides: [k, k] });
}

/** x[..., cin] @ W[cin, cout] + b. */
export function linear(t: TwinGraph, x: T, cout: number, bias = true): T {
  const cin = num(x.shape[x.shape.length - 1]!);
  const shape = [...x.shape.slice(0, -1), cout];
  const y = t.op('MatMul', [x, t.weight([cin, cout], { fanIn: cin })], shape);
  return bias ? t.add(y, t.weight([cout], 'zeros', 'bias')) : y;
}

export function layerNorm(t: TwinGraph, x: T): T {
  const c = num(x.shape[x.shape.length - 1]!);
  return t.op('LayerNormalization', [x.name, t.weight([c], 'ones'), t.weight([c], 'zeros', 'bias')], x.shape, { axis: -1, epsilon: 1e-6 });
}

/** Layer norm over the channels of an NCHW map (SAM's LayerNorm2d). */
export function layerNorm2d(t: TwinGraph, x: T): T {
  return t.transpose(layerNorm(t, t.transpose(x, [0, 2, 3, 1])), [0, 3, 1, 2]);
}

/** GroupNorm(groups) with per-channel affine on NCHW. */
export function groupNorm(t: TwinGraph, x: T, groups = 32): T {
  const [n, , h, w] = x.shape as [Dim, Dim, Dim, Dim];
  const c = num(x.shape[1]!);
  const grouped = t.reshape(x, [n, groups, mulDims(c / groups, h, w)]);
  const normed = t.op(
    'InstanceNormalization',
    [grouped.name, t.g.f32(new Array<number>(groups).fill(1)), t.g.f32(new Array<number>(groups).fill(0))],
    grouped.shape,
    { epsilon: 1e-5 },
  );
  const back = t.reshapeLike(normed, x);
  return t.add(t.mul(back, t.weight([c, 1, 1], 'ones')), t.weight([c, 1, 1], 'zeros', 'bias'));
}

export function gelu(t: TwinGraph, x: T): T {
  const erf = t.op('Erf', [t.mul(x, t.g.f32(Math.SQRT1_2))], x.shape);
  return t.mul(t.mul(x, t.add(erf, t.g.f32(1))), t.g.f32(0.5));
}

export function silu(t: TwinGraph, x: T): T {
  return t.mul(x, t.op('Sigmoid', [x], x.shape));
}

/** Two-layer MLP with GELU. */
export function mlp(t: TwinGraph, x: T, hidden: number, out: number): T {
  return linear(t, gelu(t, linear(t, x, hidden)), out);
}

/**
 * Multi-head attention on [B, N, C] tokens: projections to `inner` (= heads × d), softmax(q·kᵀ/√d)·v,
 * output projection back to `out` (default: q's width).
 */
export function attention(t: TwinGraph, q: T, k: T, v: T, heads: number, inner: number, out?: number, scoreBias?: string): T {
  const [b, nq] = q.shape as [Dim, Dim];
  const nk = k.shape[1]!;
  const d = inner / heads;
  const split = (x: T, n: Dim) => t.transpose(t.reshape(x, [b, n, heads, d]), [0, 2, 1, 3]);
  const qh = split(linear(t, q, inner), nq);
  const kt = t.transpose(t.reshape(linear(t, k, inner), [b, nk, heads, d]), [0, 2, 3, 1]);
  const vh = split(linear(t, v, inner), nk);
  const scores = t.mul(t.op('MatMul', [qh, kt], [b, heads, nq, nk]), t.g.f32(1 / Math.sqrt(d)));
  // scoreBias: an additive mask broadcast over the scores (CLIP's causal mask).
  const weights = t.op('Softmax', [scoreBias ? t.add(scores, scoreBias) : scores], scores.shape, { axis: -1 });
  const mixed = t.transpose(t.op('MatMul', [weights, vh], [b, heads, nq, d]), [0, 2, 1, 3]);
  return linear(t, t.reshape(mixed, [b, nq, inner]), out ?? num(q.shape[2]!));
}

/** Self-attention inside non-overlapping w×w windows of an [1, H·W, C] token map. */
export function windowAttention(t: TwinGraph, x: T, h: number, w: number, win: number, heads: number): T {
  const c = num(x.shape[2]!);
  const [nh, nw] = [h / win, w / win];
  const parts = t.reshape(t.transpose(t.reshape(x, [1, nh, win, nw, win, c]), [0, 1, 3, 2, 4, 5]), [nh * nw, win * win, c]);
  const mixed = attention(t, parts, parts, parts, heads, c);
  return t.reshape(t.transpose(t.reshape(mixed, [1, nh, nw, win, win, c]), [0, 1, 3, 2, 4, 5]), [1, h * w, c]);
}
