// Runs in: CLI and tests (Node). A graph builder for the cost twins: every tensor carries its shape, which
// is written as value_info, and every weight is an external tensor declared in a WeightTable.
import { GraphBuilder, type AttrValue, type Dim } from '../standins/graph-builder';
import { WeightTable, type WeightFill } from './weights';

/** A float32 tensor of the graph with its shape (a string dim is a dynamic axis, e.g. "tokens"). */
export interface T {
  name: string;
  shape: Dim[];
}

/**
 * A size scaled by `factor` (½ after a stride-2 conv, 2 after an upsample). Dynamic sizes are written
 * "height/8": count-cost.ts evaluates them from the call's bindings.
 */
export function scaleDim(d: Dim, factor: number): Dim {
  if (typeof d === 'number') return d * factor;
  const m = /^(?:(\d+)\*)?([a-z_]+)(?:\/(\d+))?$/.exec(d);
  if (!m) throw new Error(`cannot scale ${d}`);
  const ratio = (Number(m[1] ?? 1) / Number(m[3] ?? 1)) * factor;
  const name = m[2]!;
  if (ratio >= 1 && Number.isInteger(ratio)) return ratio === 1 ? name : `${ratio}*${name}`;
  if (Number.isInteger(1 / ratio)) return `${name}/${1 / ratio}`;
  throw new Error(`cannot scale ${d} by ${factor}`);
}

/** The product of sizes ("height/8*width/8" when dynamic). */
export function mulDims(...dims: Dim[]): Dim {
  const fixed = dims.filter((d): d is number => typeof d === 'number').reduce((a, b) => a * b, 1);
  const named = dims.filter((d): d is string => typeof d === 'string');
  return named.length ? [...(fixed === 1 ? [] : [String(fixed)]), ...named].join('*') : fixed;
}

export class TwinGraph {
  readonly g: GraphBuilder;
  readonly weights: WeightTable;
  private scope: string[] = [];
  private count = 0;

  /** `dataFile`: the external data file's name in the model's folder ("encoder.onnx.data", "weights.pb"). */
  constructor(name: string, dataFile: string) {
    this.g = new GraphBuilder(name);
    this.weights = new WeightTable(dataFile);
  }

  input(name: string, shape: Dim[]): T {
    return { name: this.g.input(name, 'float32', shape), shape };
  }

  output(name: string, shape: Dim[], from: T): void {
    this.g.output(name, 'float32', shape, from.name);
  }

  /** Names weights after the layer they belong to, as a checkpoint would. */
  within<R>(name: string, build: () => R): R {
    this.scope.push(name);
    try {
      return build();
    } finally {
      this.scope.pop();
    }
  }

  weight(dims: number[], fill: WeightFill, what = 'weight'): string {
    const name = [...this.scope, `${what}${this.count++}`].join('.');
    return this.g.initializer(this.weights.declare(name, dims, fill));
  }

  /** One node with a float32 output of a known shape (recorded in value_info). */
  op(opType: string, inputs: Array<T | string>, shape: Dim[], attrs: Record<string, AttrValue> = {}): T {
    const name = this.g.op(
      opType,
      inputs.map((i) => (typeof i === 'string' ? i : i.name)),
      attrs,
    );
    this.g.annotate(name, 'float32', shape);
    return { name, shape };
  }

  /** Reshape: dynamic axes kept in place are sent as 0 (copy), at most one other as −1. */
  reshape(x: T, shape: Dim[]): T {
    const target = shape.map((d, i) => (typeof d === 'number' ? d : d === x.shape[i] ? 0 : -1));
    if (target.filter((d) => d === -1).length > 1) throw new Error(`reshape to ${shape.join('×')}: more than one new dynamic axis`);
    return this.op('Reshape', [x, this.g.i64(target)], shape);
  }

  /** Reshape to the (runtime) shape of `like`. */
  reshapeLike(x: T, like: T): T {
    return this.op('Reshape', [x.name, this.g.op('Shape', [like.name])], like.shape);
  }

  transpose(x: T, perm: number[]): T {
    return this.op(
      'Transpose',
      [x],
      perm.map((p) => x.shape[p]!),
      { perm },
    );
  }

  add(a: T, b: T | string): T {
    return this.op('Add', [a, b], a.shape);
  }

  mul(a: T, b: T | string): T {
    return this.op('Mul', [a, b], a.shape);
  }

  toBytes(): Uint8Array {
    return this.g.toBytes();
  }
}
