// Runs in: CLI and tests (Node). SAM 2.1 hiera-tiny image-encoder twin with the samexporter contract
// (model-contracts.md §2.2: image [1,3,1024,1024] normalised → high_res_feats_0/1, image_embed): 7×7
// stride-4 patch embedding, interpolated + tiled window position embeddings, Hiera stages 96/192/384/768
// of depths 1/2/7/2 (heads 1/2/4/8, windows 8/4/14/7, global blocks 5/7/9, query pooling at each stage
// change), the FPN neck (1×1 laterals to 256, top-down for the two coarsest levels, scalp 1), the mask
// decoder's conv_s0/conv_s1 on the high-resolution maps, and no_mem_embed added to the embedding.
// Target (performance.md §1): ~144 GMAC (computed, §8); parameters ≈ 27.2 M from the fp32 tiny encoder
// export's 109 MB (model-contracts.md, shubham0204/sam2-onnx-models), the whole model being 38.9 M [S7].
import { conv } from '../layers';
import { TwinGraph, type T } from '../twin-graph';
import { upsample } from '../sd/unet';
import { hieraBlock } from './hiera-block';

const STAGES = [
  { dim: 96, depth: 1, heads: 1, win: 8 },
  { dim: 192, depth: 2, heads: 2, win: 4 },
  { dim: 384, depth: 7, heads: 4, win: 14 },
  { dim: 768, depth: 2, heads: 8, win: 7 },
];
const GLOBAL = new Set([5, 7, 9]);

export function sam2EncoderTwin(file: string, width = 1): TwinGraph {
  const t = new TwinGraph('sam2_hiera_tiny_encoder_twin', `${file}.data`);
  const g = t.g;
  const dims = STAGES.map((s) => s.heads * Math.max(8, Math.round((s.dim / s.heads) * width)));
  const image = t.input('image', [1, 3, 1024, 1024]);
  const patches = t.within('patch_embed', () => conv(t, image, dims[0]!, 7, { stride: 4, pad: 3 }));
  // Background position embedding upsampled to 256² plus the 8×8 window embedding tiled.
  const bg = t.op(
    'Resize',
    [t.weight([1, dims[0]!, 7, 7], { fanIn: 1 }, 'pos_embed'), '', '', g.i64([1, dims[0]!, 256, 256])],
    [1, dims[0]!, 256, 256],
    { mode: 'cubic' },
  );
  const tiled = t.op(
    'Tile',
    [t.weight([1, dims[0]!, 8, 8], { fanIn: 1 }, 'pos_embed_window'), g.i64([1, 1, 32, 32])],
    [1, dims[0]!, 256, 256],
  );
  let x = t.transpose(t.add(t.add(patches, bg), tiled), [0, 2, 3, 1]);
  const features: T[] = [];
  let block = 0;
  STAGES.forEach((stage, s) => {
    for (let i = 0; i < stage.depth; i++, block++) {
      const first = s > 0 && i === 0;
      // A stage's first block pools the queries inside the previous stage's windows.
      const win = GLOBAL.has(block) ? 0 : first ? STAGES[s - 1]!.win : stage.win;
      x = t.within(`trunk.blocks.${block}`, () => hieraBlock(t, x, { dimOut: dims[s]!, heads: stage.heads, win, qPool: first }));
    }
    features.push(t.transpose(x, [0, 3, 1, 2]));
  });
  const lateral = features.map((f, i) => t.within(`neck.convs.${i}`, () => conv(t, f, 256, 1)));
  // Top-down only into the 64² level (fpn_top_down_levels [2, 3]); the 32² output is dropped (scalp 1).
  const embed = t.add(lateral[2]!, upsample(t, lateral[3]!));
  const noMem = t.weight([1, 256, 1, 1], { fanIn: 1 }, 'no_mem_embed');
  t.output(
    'high_res_feats_0',
    [1, 32, 256, 256],
    t.within('conv_s0', () => conv(t, lateral[0]!, 32, 1)),
  );
  t.output(
    'high_res_feats_1',
    [1, 64, 128, 128],
    t.within('conv_s1', () => conv(t, lateral[1]!, 64, 1)),
  );
  t.output('image_embed', [1, 256, 64, 64], t.add(embed, noMem));
  return t;
}
