// Runs in: CLI and tests (Node). Parameters and multiply-accumulates of an ONNX graph from its structure
// alone: initializer dims (external weights need not exist) and the shapes in inputs/value_info, with
// dynamic axes bound to the real call's sizes (e.g. tokens = 7 for one SAM click).
// Counted as performance.md §8 does: conv k²·Cin/g·Cout·H·W at the output, transposed conv at the input,
// every MatMul/Gemm (linears and attention's q·kᵀ and ·v) as the output size × the inner dimension.
import { onnx } from 'onnx-proto';

export interface Cost {
  params: number;
  macs: number;
  /** MACs per op type: where the compute is. */
  byOp: Record<string, number>;
}

const FLOATS = new Set<number>([onnx.TensorProto.DataType.FLOAT, onnx.TensorProto.DataType.FLOAT16]);
const prod = (dims: number[]) => dims.reduce((a, b) => a * b, 1);

export function countCost(modelBytes: Uint8Array, bindings: Record<string, number> = {}): Cost {
  const graph = onnx.ModelProto.decode(modelBytes).graph!;
  const shapes = new Map<string, number[]>();
  const dimsOf = (info: onnx.IValueInfoProto) =>
    (info.type?.tensorType?.shape?.dim ?? []).map((d) => {
      if (d.dimParam) return evalDim(d.dimParam, bindings, info.name!);
      return Number(d.dimValue);
    });
  for (const info of [...(graph.input ?? []), ...(graph.valueInfo ?? []), ...(graph.output ?? [])]) shapes.set(info.name!, dimsOf(info));
  let params = 0;
  for (const init of graph.initializer ?? []) {
    const dims = (init.dims ?? []).map(Number);
    shapes.set(init.name!, dims);
    if (FLOATS.has(init.dataType!)) params += prod(dims);
  }
  const shape = (name: string, node: onnx.INodeProto) => {
    const s = shapes.get(name);
    if (!s) throw new Error(`${node.name} (${node.opType}): no shape recorded for ${name}`);
    return s;
  };
  const byOp: Record<string, number> = {};
  for (const node of graph.node ?? []) {
    const [a, b] = node.input ?? [];
    const y = node.output?.[0] ?? '';
    let macs = 0;
    if (node.opType === 'Conv') {
      const w = shape(b!, node);
      macs = prod(shape(y, node)) * prod(w.slice(1));
    } else if (node.opType === 'ConvTranspose') {
      const w = shape(b!, node);
      macs = prod(shape(a!, node)) * prod(w.slice(1));
    } else if (node.opType === 'MatMul' || node.opType === 'Gemm') {
      const left = shape(a!, node);
      const transA = node.attribute?.find((t) => t.name === 'transA')?.i;
      const inner = node.opType === 'Gemm' && Number(transA) === 1 ? left[0]! : left[left.length - 1]!;
      macs = prod(shape(y, node)) * inner;
    }
    if (macs) byOp[node.opType!] = (byOp[node.opType!] ?? 0) + macs;
  }
  return { params, macs: Object.values(byOp).reduce((s, v) => s + v, 0), byOp };
}

/** "height/8*width/8" with height = width = 64 → 64; a plain name is looked up as is. */
function evalDim(expr: string, bindings: Record<string, number>, tensor: string): number {
  if (bindings[expr] !== undefined) return bindings[expr];
  return expr.split('*').reduce((acc, factor) => {
    if (/^\d+$/.test(factor)) return acc * Number(factor);
    const [name, div = '1'] = factor.split('/');
    const bound = bindings[name!];
    if (bound === undefined) throw new Error(`${tensor}: bind the dynamic axis "${name}" to count its cost`);
    return (acc * bound) / Number(div);
  }, 1);
}
