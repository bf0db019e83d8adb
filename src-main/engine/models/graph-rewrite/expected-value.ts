// Runs in: engine process (and the CLI). Makes a graph that samples inside itself repeatable: every
// random-number node (RandomNormal, RandomUniform and their …Like forms) becomes a constant of its
// distribution's expected value, same shape and dtype. For diffusers' vae_encoder, whose export traces
// `encode(x)[0].sample()` = mean + exp(0.5·logvar)·ε with ε from an unseeded RandomNormalLike
// (model-contracts §5.2; optimum#1383), ε = 0 leaves exactly the posterior mean. Pure: bytes in, bytes out.
import { onnx } from 'onnx-proto';
import { toHalfBits } from '../../runtime/half';

const RANDOM_OPS = new Set(['RandomNormal', 'RandomNormalLike', 'RandomUniform', 'RandomUniformLike']);
const T = onnx.TensorProto.DataType;
const A = onnx.AttributeProto.AttributeType;

export interface ExpectedValueRewrite {
  bytes: Uint8Array;
  /** Op types replaced, in graph order, e.g. ["RandomNormalLike"]. */
  replaced: string[];
  /** Random nodes left as they were (a dtype this rewrite cannot tell or write): the graph still varies. */
  kept: string[];
}

/** Cheap pre-check on the raw file: op types are plain UTF-8 inside NodeProto, weights never spell these. */
export function mayHaveRandomNodes(bytes: Uint8Array): boolean {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return buf.includes('RandomNormal') || buf.includes('RandomUniform');
}

/** The model with its random nodes replaced; null when it has none. Weights stay inline as they were. */
export function replaceRandomNodes(bytes: Uint8Array): ExpectedValueRewrite | null {
  const model = onnx.ModelProto.decode(bytes);
  const found = { replaced: [] as string[], kept: [] as string[] };
  if (model.graph) rewriteGraph(model.graph, found);
  if (found.replaced.length === 0 && found.kept.length === 0) return null;
  return { bytes: onnx.ModelProto.encode(model).finish(), ...found };
}

function rewriteGraph(graph: onnx.IGraphProto, found: { replaced: string[]; kept: string[] }): void {
  const types = elemTypes(graph);
  const nodes: onnx.INodeProto[] = [];
  for (const node of graph.node ?? []) {
    for (const a of node.attribute ?? []) for (const sub of [a.g, ...(a.graphs ?? [])]) if (sub) rewriteGraph(sub, found);
    const op = node.opType ?? '';
    if (!RANDOM_OPS.has(op) || (node.domain && node.domain !== 'ai.onnx')) {
      nodes.push(node);
      continue;
    }
    const swap = expectedValueNodes(node, types);
    nodes.push(...(swap ?? [node]));
    (swap ? found.replaced : found.kept).push(op);
  }
  graph.node = nodes;
}

/** [Shape →] ConstantOfShape(value = E[x]) producing the random node's own output name. */
function expectedValueNodes(node: onnx.INodeProto, types: Map<string, number>): onnx.INodeProto[] | null {
  const attrs = new Map((node.attribute ?? []).map((a) => [a.name ?? '', a]));
  const num = (name: string, fallback: number) =>
    attrs.has(name) ? Number(attrs.get(name)!.type === A.INT ? attrs.get(name)!.i : attrs.get(name)!.f) : fallback;
  const like = node.opType!.endsWith('Like');
  const out = node.output?.[0];
  const input = node.input?.[0];
  if (!out || (like && !input)) return null;
  const dtype = attrs.has('dtype') ? num('dtype', T.FLOAT) : like ? types.get(input!) : T.FLOAT;
  const expected = node.opType!.startsWith('RandomNormal') ? num('mean', 0) : (num('low', 0) + num('high', 1)) / 2;
  const value = dtype === undefined ? null : scalarTensor(dtype, expected);
  if (!value) return null;
  const shape = `${out}__expected_shape`;
  const name = node.name || out;
  const shapeNode: onnx.INodeProto = like
    ? { opType: 'Shape', input: [input!], output: [shape], name: `${name}__shape` }
    : {
        opType: 'Constant',
        input: [],
        output: [shape],
        name: `${name}__shape`,
        attribute: [{ name: 'value', type: A.TENSOR, t: int64Tensor((attrs.get('shape')?.ints ?? []).map(Number)) }],
      };
  return [
    shapeNode,
    {
      opType: 'ConstantOfShape',
      input: [shape],
      output: [out],
      name: `${name}__expected`,
      attribute: [{ name: 'value', type: A.TENSOR, t: value }],
    },
  ];
}

/** Element types the graph declares or that follow from a node's attributes (enough for torch exports). */
function elemTypes(graph: onnx.IGraphProto): Map<string, number> {
  const types = new Map<string, number>();
  for (const v of [...(graph.input ?? []), ...(graph.valueInfo ?? []), ...(graph.output ?? [])]) {
    const t = v.type?.tensorType?.elemType;
    if (v.name && t) types.set(v.name, t);
  }
  for (const t of graph.initializer ?? []) if (t.name && t.dataType) types.set(t.name, t.dataType);
  for (const n of graph.node ?? []) {
    const out = n.output?.[0];
    const attr = (name: string) => n.attribute?.find((a) => a.name === name);
    if (!out) continue;
    if (n.opType === 'ConstantOfShape') types.set(out, attr('value')?.t?.dataType ?? T.FLOAT);
    if (n.opType === 'Cast' && attr('to')) types.set(out, Number(attr('to')!.i));
  }
  return types;
}

function scalarTensor(dtype: number, value: number): onnx.ITensorProto | null {
  const raw =
    dtype === T.FLOAT
      ? new Uint8Array(Float32Array.of(value).buffer)
      : dtype === T.DOUBLE
        ? new Uint8Array(Float64Array.of(value).buffer)
        : dtype === T.FLOAT16
          ? new Uint8Array(Uint16Array.of(toHalfBits(value)).buffer)
          : dtype === T.BFLOAT16
            ? new Uint8Array(Uint16Array.of(new Uint32Array(Float32Array.of(value).buffer)[0]! >>> 16).buffer)
            : null;
  return raw && { dims: [1], dataType: dtype, rawData: raw };
}

function int64Tensor(values: number[]): onnx.ITensorProto {
  return { dims: [values.length], dataType: T.INT64, rawData: new Uint8Array(BigInt64Array.from(values, (v) => BigInt(v)).buffer) };
}
