// Runs in: CLI and tests (Node). The SD CLIP text encoder stand-in (diffusers text_encoder/model.onnx).
// [Note: stand-in text encoder] input_ids int32 [B,S] (int64 is rejected by ORT, as with the real export).
// Every position of last_hidden_state, and pooler_output, is the same 768-vector: features 0..2 = the
// RGB in [−1,1] of the first colour word (CLIP id from colours.ts) in the sequence, feature 3 = how many
// colour tokens it holds, the rest 0. No colour word (e.g. the empty negative prompt) → all zeros, which
// the UNet reads as mid-grey.
import { GraphBuilder } from '../graph-builder';
import { COLOURS } from '../tokenizers/colours';
import { floatOutput, type FloatIo } from './io';

export const HIDDEN = 768;
const K = COLOURS.length;
const FLOAT = 1;

export function textEncoder(io: FloatIo): Uint8Array {
  const g = new GraphBuilder('standin-text-encoder');
  const ids = g.input('input_ids', 'int32', ['batch', 'sequence']);
  const colourIds = g.constant({ dtype: 'int32', dims: [1, K, 1], values: COLOURS.map((c) => c.clipId) });
  const match = g.op('Cast', [g.op('Equal', [g.op('Unsqueeze', [ids, g.i64([1])]), colourIds])], { to: FLOAT }); // [B,K,S]
  const len = g.op('Cast', [g.op('Gather', [g.op('Shape', [ids]), g.i64(1)])], { to: FLOAT });
  const pos = g.op('Range', [g.f32(0), len, g.f32(1)]);
  const miss = g.op('Mul', [g.op('Sub', [g.f32(1), match]), g.f32(1e9)]);
  const first = g.op('ReduceMin', [g.op('Add', [pos, miss])], { axes: [2], keepdims: 0 }); // [B,K]
  const earliest = g.op('ReduceMin', [first], { axes: [1], keepdims: 1 }); // [B,1]
  const isFirst = g.op('And', [g.op('Equal', [first, earliest]), g.op('Less', [earliest, g.f32(1e8)])]);
  const palette = g.f32(
    COLOURS.flatMap((c) => c.rgb.map((v) => (v / 255) * 2 - 1)),
    [K, 3],
  );
  const rgb = g.op('MatMul', [g.op('Cast', [isFirst], { to: FLOAT }), palette]); // [B,3]
  const count = g.op('ReduceSum', [match, g.i64([1, 2])], { keepdims: 0 });
  const head = g.op('Concat', [rgb, g.op('Unsqueeze', [count, g.i64([1])])], { axis: 1 }); // [B,4]
  const pooled = g.op('Pad', [head, g.i64([0, 0, 0, HIDDEN - 4])]);
  const shape = g.op('Concat', [g.op('Shape', [ids]), g.i64([HIDDEN])], { axis: 0 });
  const hidden = g.op('Expand', [g.op('Unsqueeze', [pooled, g.i64([1])]), shape]);
  floatOutput(g, io, 'last_hidden_state', ['batch', 'sequence', HIDDEN], hidden);
  floatOutput(g, io, 'pooler_output', ['batch', HIDDEN], pooled);
  return g.toBytes();
}
