// Runs in: CLI and tests (Node). The cost twins' weights: declared in the graph as external tensors at fixed
// offsets (so model.onnx is complete without them), then streamed to the data file on demand.
// [Note: twin weights] Values are deterministic pseudo-random, uniform with variance 1/fan_in (activations
// keep their scale through a layer); norm scales are 1 and biases 0. Nothing is ever committed.
import { createWriteStream } from 'node:fs';
import { onnx } from 'onnx-proto';

export type WeightFill = { fanIn: number } | 'ones' | 'zeros';

export interface WeightSpec {
  name: string;
  dims: number[];
  fill: WeightFill;
  offset: number;
}

/** Tensors in the external file start at 4 KiB boundaries, as the exporters write them. */
const ALIGN = 4096;

export class WeightTable {
  readonly specs: WeightSpec[] = [];
  private end = 0;

  constructor(readonly location: string) {}

  /** A float32 initializer stored in `location`; its bytes are written later by `writeWeights`. */
  declare(name: string, dims: number[], fill: WeightFill): onnx.ITensorProto {
    const offset = Math.ceil(this.end / ALIGN) * ALIGN;
    const length = dims.reduce((a, b) => a * b, 1) * 4;
    this.end = offset + length;
    this.specs.push({ name, dims, fill, offset });
    return {
      name,
      dims,
      dataType: onnx.TensorProto.DataType.FLOAT,
      dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
      externalData: [
        { key: 'location', value: this.location },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(length) },
      ],
    };
  }

  get bytes(): number {
    return this.end;
  }
}

/** FNV-1a of the tensor name: each tensor's values do not depend on the order the graph was built in. */
function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: small, fast and deterministic. */
function fillUniform(out: Float32Array, state: { s: number }, bound: number): void {
  for (let i = 0; i < out.length; i++) {
    let t = (state.s = (state.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * bound;
  }
}

const CHUNK = 1 << 20;

/** Streams every declared tensor into `file` (a few MB of memory whatever the model's size). */
export async function writeWeights(table: WeightTable, file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = (bytes: Uint8Array) => new Promise<void>((resolve, reject) => out.write(bytes, (err) => (err ? reject(err) : resolve())));
  let at = 0;
  for (const spec of table.specs) {
    if (spec.offset > at) await write(new Uint8Array(spec.offset - at));
    let left = spec.dims.reduce((a, b) => a * b, 1);
    const state = { s: seedOf(spec.name) };
    // Uniform(−b, b) has variance b²/3: b = √(3/fan_in) gives variance 1/fan_in.
    const bound = typeof spec.fill === 'object' ? Math.sqrt(3 / spec.fill.fanIn) : 0;
    while (left > 0) {
      const values = new Float32Array(Math.min(left, CHUNK));
      if (spec.fill === 'ones') values.fill(1);
      else if (typeof spec.fill === 'object') fillUniform(values, state, bound);
      await write(new Uint8Array(values.buffer));
      left -= values.length;
    }
    at = spec.offset + spec.dims.reduce((a, b) => a * b, 1) * 4;
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
