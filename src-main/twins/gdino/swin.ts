// Runs in: CLI and tests (Node). Swin-T backbone for the Grounding DINO twin: 4×4 patch embedding, stages
// 96/192/384/768 of depths 2/2/6/2 (heads 3/6/12/24) with 7×7 window attention plus a learned relative
// position bias, GELU MLP ×4, pre-norm residuals, 2×2 stride-2 merges (conv: the same 4C→2C weights as
// Swin's concat + linear). The shifted-window roll is left out: it moves data, it costs no MACs.
import { attention, conv, layerNorm, mlp } from '../layers';
import type { T, TwinGraph } from '../twin-graph';

const STAGES = [
  { dim: 96, depth: 2, heads: 3 },
  { dim: 192, depth: 2, heads: 6 },
  { dim: 384, depth: 6, heads: 12 },
  { dim: 768, depth: 2, heads: 24 },
];
const WIN = 7;

function windowBlock(t: TwinGraph, x: T, heads: number): T {
  const [b, h, w, c] = x.shape as [string, number, number, number];
  const [nh, nw] = [Math.ceil(h / WIN), Math.ceil(w / WIN)];
  const normed = layerNorm(t, x);
  const padded =
    nh * WIN === h && nw * WIN === w
      ? normed
      : t.op('Pad', [normed.name, t.g.i64([0, 0, 0, 0, 0, nh * WIN - h, nw * WIN - w, 0])], [b, nh * WIN, nw * WIN, c]);
  const parts = t.reshape(t.transpose(t.reshape(padded, [b, nh, WIN, nw, WIN, c]), [0, 1, 3, 2, 4, 5]), [`${nh * nw}*${b}`, WIN * WIN, c]);
  const bias = t.weight([heads, WIN * WIN, WIN * WIN], { fanIn: 1 }, 'relative_position_bias');
  const mixed = attention(t, parts, parts, parts, heads, c, c, bias);
  const whole = t.reshape(t.transpose(t.reshape(mixed, [b, nh, nw, WIN, WIN, c]), [0, 1, 3, 2, 4, 5]), [b, nh * WIN, nw * WIN, c]);
  const cropped =
    whole.shape[1] === h && whole.shape[2] === w
      ? whole
      : t.op('Slice', [whole.name, t.g.i64([0, 0]), t.g.i64([h, w]), t.g.i64([1, 2])], [b, h, w, c]);
  const y = t.add(x, cropped);
  return t.add(y, mlp(t, layerNorm(t, y), 4 * c, c));
}

/** [B,3,H,W] → the last three stages' maps, NCHW (192 @ H/8, 384 @ H/16, 768 @ H/32 at width 1). */
export function swinT(t: TwinGraph, pixels: T, width = 1): T[] {
  // Heads of 32 channels at width 1, fewer (at least 4) at reduced widths.
  const dims = STAGES.map((s) => s.heads * Math.max(4, Math.round(32 * width)));
  let x = t.within('backbone.patch_embed', () =>
    layerNorm(t, t.transpose(conv(t, pixels, dims[0]!, 4, { stride: 4, pad: 0 }), [0, 2, 3, 1])),
  );
  const outs: T[] = [];
  STAGES.forEach((stage, s) => {
    if (s > 0) {
      x = t.within(`backbone.layers.${s - 1}.downsample`, () =>
        t.transpose(conv(t, t.transpose(x, [0, 3, 1, 2]), dims[s]!, 2, { stride: 2, pad: 0 }), [0, 2, 3, 1]),
      );
    }
    for (let i = 0; i < stage.depth; i++) x = t.within(`backbone.layers.${s}.blocks.${i}`, () => windowBlock(t, x, stage.heads));
    if (s > 0)
      outs.push(
        t.transpose(
          t.within(`backbone.norm${s}`, () => layerNorm(t, x)),
          [0, 3, 1, 2],
        ),
      );
  });
  return outs;
}
