// Runs in: CLI and tests (Node). SAM ViT-B image-encoder twin (segment-anything ImageEncoderViT: patch 16,
// width 768, 12 blocks of 12 heads, 14×14 windows with padding 64→70 and global attention in blocks
// 2/5/8/11, decomposed relative positions, MLP 3072, absolute position embedding, conv/LN2d neck to 256),
// with the samexporter HWC contract and SAM's preprocessing in the graph (as the MobileSAM twin).
// Target (performance.md §1): ~91 M parameters (SAM-b 93.7 M whole model [S38]); 486 GMAC (computed, §8).
import { conv, layerNorm, layerNorm2d, mlp } from '../layers';
import { TwinGraph, type T } from '../twin-graph';
import { samInputFrame } from './mobilesam-encoder';
import { vitAttention } from './vit-attention';

const DEPTH = 12;
const GLOBAL = new Set([2, 5, 8, 11]);
const WINDOW = 14;

export function vitBEncoderTwin(file: string, width = 1): TwinGraph {
  const t = new TwinGraph('sam_vit_b_encoder_twin', `${file}.data`);
  const heads = 12;
  const c = heads * Math.max(8, Math.round(64 * width));
  const frame = samInputFrame(t);
  const patches = t.within('patch_embed', () => conv(t, frame, c, 16, { stride: 16, pad: 0 }));
  let x = t.add(t.transpose(patches, [0, 2, 3, 1]), t.weight([1, 64, 64, c], { fanIn: 1 }, 'pos_embed')); // [1,64,64,C]
  for (let i = 0; i < DEPTH; i++) {
    x = t.within(`blocks.${i}`, () => {
      const normed = layerNorm(t, x);
      const y = t.add(x, GLOBAL.has(i) ? vitAttention(t, normed, heads) : windowed(t, normed, heads));
      return t.add(y, mlp(t, layerNorm(t, y), 4 * c, c));
    });
  }
  const map = t.transpose(x, [0, 3, 1, 2]);
  const neck = t.within('neck', () =>
    layerNorm2d(t, conv(t, layerNorm2d(t, conv(t, map, 256, 1, { bias: false })), 256, 3, { bias: false })),
  );
  t.output('image_embeddings', [1, 256, 64, 64], neck);
  return t;
}

/** Zero-pad 64→70, attend inside each 14×14 window, crop back (window_partition / unpartition). */
function windowed(t: TwinGraph, x: T, heads: number): T {
  const c = x.shape[3] as number;
  const [size, n] = [70, 5];
  const padded = t.op('Pad', [x.name, t.g.i64([0, 0, 0, 0, 0, size - 64, size - 64, 0])], [1, size, size, c]);
  const parts = t.reshape(t.transpose(t.reshape(padded, [1, n, WINDOW, n, WINDOW, c]), [0, 1, 3, 2, 4, 5]), [n * n, WINDOW, WINDOW, c]);
  const mixed = vitAttention(t, parts, heads);
  const whole = t.reshape(t.transpose(t.reshape(mixed, [1, n, n, WINDOW, WINDOW, c]), [0, 1, 3, 2, 4, 5]), [1, size, size, c]);
  return t.op('Slice', [whole.name, t.g.i64([0, 0]), t.g.i64([64, 64]), t.g.i64([1, 2])], [1, 64, 64, c]);
}
