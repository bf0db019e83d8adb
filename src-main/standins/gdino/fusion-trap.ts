// Runs in: CLI and tests (Node). Graph fragment that ONNX Runtime cannot load with full graph optimisation
// but loads with 'basic' (no fusions), as some real exports do (onnx-community's Grounding DINO q4f16).
// [Note: fusion trap] A layer norm written out over a rank-1 tensor: ReduceMean, Sub, Pow, ReduceMean,
// Add, Sqrt, Div, then Mul by a rank-1 scale. ORT's LayerNormFusion (level 'extended', so also 'all')
// picks the Div output itself as the fused node's scale and removes the Div, leaving an input nothing
// produces: "Invalid model. Node input '…' is not a graph input, initializer, or output of a previous
// node" (microsoft/onnxruntime#31147, #30513; checked on onnxruntime-node 1.30). It reads input_ids (so
// constant folding cannot remove it first) and adds exactly 0 to whatever it is applied to.
import type { GraphBuilder } from '../graph-builder';

/** `target` + 0, through a rank-1 layer norm of the token ids that full optimisation cannot fuse. */
export function addFusionTrap(g: GraphBuilder, ids: string, target: string): string {
  const x = g.op('Reshape', [g.op('Cast', [ids], { to: 1 }), g.i64([-1])]); // [B·L] float
  const mean = g.op('ReduceMean', [x], { axes: [-1], keepdims: 1 });
  const centred = g.op('Sub', [x, mean]);
  const variance = g.op('ReduceMean', [g.op('Pow', [centred, g.f32(2)])], { axes: [-1], keepdims: 1 });
  const normed = g.op('Div', [centred, g.op('Sqrt', [g.op('Add', [variance, g.f32(1e-5)])])]);
  const zeros = g.op('Mul', [g.f32([0], [1]), normed]); // the scale first: the order the fusion mis-picks
  return g.op('Add', [target, g.op('ReduceSum', [zeros], { keepdims: 0 })]);
}
