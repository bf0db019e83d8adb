// Runs in: CLI and tests (Node). SD 1.5 inpainting UNet twin (diffusers config: channels 320/640/1280/1280,
// 2 resnets per down block and 3 per up block, cross-attention transformers in the first three levels and
// the middle, 8 heads, 768-wide text states, sinusoidal timestep embedding to 1280), with the contract of
// the diffusers ONNX export (model-contracts.md §5.2): sample [batch,9,height,width], timestep float32 [1],
// encoder_hidden_states [batch,sequence,768] → out_sample [batch,4,height,width].
// Target (performance.md §1): 859.5 M parameters [S15]; 401.6 GMAC per evaluation at 64×64 (computed, §8).
// The LCM variant (LCM Dreamshaper v7, Optimum's export, models/README.md `lcm-dreamshaper-v7`): 4 input
// channels, timestep int64 [steps], and timestep_cond [batch,256] projected (no bias) into the sinusoid
// before the time MLP, as diffusers' TimestepEmbedding does with cond_proj; weights in model.onnx_data.
import { conv, groupNorm, linear, silu } from '../layers';
import { TwinGraph, scaleDim, type T } from '../twin-graph';
import { resnet, transformer } from './unet-blocks';

const LEVELS = [320, 640, 1280, 1280];
const HEADS = 8;

/** The LCM UNet's guidance-embedding width (time_cond_proj_dim). */
export const LCM_COND_DIM = 256;

export function unetTwin(width = 1, variant: 'inpaint' | 'lcm' = 'inpaint'): TwinGraph {
  const lcm = variant === 'lcm';
  const t = new TwinGraph(lcm ? 'lcm_dreamshaper_unet_twin' : 'sd15_inpaint_unet_twin', lcm ? 'model.onnx_data' : 'weights.pb');
  // GroupNorm needs multiples of 32 channels at every width.
  const ch = (c: number) => Math.max(32, Math.round((c * width) / 32) * 32);
  // Optimum names its dynamic axes batch_size / sequence_length; diffusers' converter batch / sequence.
  const [batch, sequence] = lcm ? ['batch_size', 'sequence_length'] : ['batch', 'sequence'];
  const sample = t.input('sample', [batch, lcm ? 4 : 9, 'height', 'width']);
  const timestep = lcm ? t.op('Cast', [t.g.input('timestep', 'int64', ['steps'])], ['steps'], { to: 1 }) : t.input('timestep', [1]);
  const context = t.input('encoder_hidden_states', [batch, sequence, 768]);
  const cond = lcm ? t.input('timestep_cond', [batch, LCM_COND_DIM]) : null;

  const emb = t.within('time_embedding', () => {
    const freqs = Array.from({ length: ch(320) / 2 }, (_, i) => Math.exp((-Math.log(10000) * i) / (ch(320) / 2)));
    const angles = t.op(
      'Mul',
      [t.op('Unsqueeze', [timestep.name, t.g.i64([1])], [1, 1]).name, t.g.f32(freqs, [1, freqs.length])],
      [1, freqs.length],
    );
    const sinusoid = t.op('Concat', [t.op('Cos', [angles], angles.shape), t.op('Sin', [angles], angles.shape)], [1, ch(320)], { axis: 1 });
    const timed = cond ? t.add(linear(t, cond, ch(320), false), sinusoid) : sinusoid;
    return linear(t, silu(t, linear(t, timed, ch(1280))), ch(1280));
  });

  let x = t.within('conv_in', () => conv(t, sample, ch(320), 3));
  const skips: T[] = [x];
  LEVELS.forEach((c, level) => {
    for (let i = 0; i < 2; i++) {
      x = t.within(`down_blocks.${level}.resnets.${i}`, () => resnet(t, x, emb, ch(c)));
      if (level < 3) x = t.within(`down_blocks.${level}.attentions.${i}`, () => transformer(t, x, context, HEADS));
      skips.push(x);
    }
    if (level < 3) {
      x = t.within(`down_blocks.${level}.downsamplers`, () => conv(t, x, ch(c), 3, { stride: 2 }));
      skips.push(x);
    }
  });
  x = t.within('mid_block', () => resnet(t, transformer(t, resnet(t, x, emb, ch(1280)), context, HEADS), emb, ch(1280)));
  [...LEVELS].reverse().forEach((c, i) => {
    const level = 3 - i;
    for (let j = 0; j < 3; j++) {
      const skip = skips.pop()!;
      const joined = t.op(
        'Concat',
        [x, skip],
        [x.shape[0]!, (x.shape[1] as number) + (skip.shape[1] as number), x.shape[2]!, x.shape[3]!],
        { axis: 1 },
      );
      x = t.within(`up_blocks.${i}.resnets.${j}`, () => resnet(t, joined, emb, ch(c)));
      if (level < 3) x = t.within(`up_blocks.${i}.attentions.${j}`, () => transformer(t, x, context, HEADS));
    }
    if (level > 0) x = t.within(`up_blocks.${i}.upsamplers`, () => conv(t, upsample(t, x), ch(c), 3));
  });
  const out = t.within('conv_out', () => conv(t, silu(t, groupNorm(t, x)), 4, 3));
  t.output('out_sample', [batch, 4, 'height', 'width'], out);
  return t;
}

/** Nearest-neighbour 2× (diffusers' Upsample2D). */
export function upsample(t: TwinGraph, x: T): T {
  const [n, c, h, w] = x.shape;
  return t.op('Resize', [x.name, '', t.g.f32([1, 1, 2, 2])], [n!, c!, scaleDim(h!, 2), scaleDim(w!, 2)], { mode: 'nearest' });
}
