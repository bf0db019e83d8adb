// Runs in: engine process (and the CLI). Reads an ONNX file's graph inputs and outputs (names, element
// types, shapes) and its initializers' names and external-data locations by walking the protobuf on disk:
// weights are skipped by their length, never loaded. Any malformed field (a wrong wire type, a length past
// its end, a missing graph) rejects the file: an HTML page, random bytes or a cut-off download never pass.
import { promises as fs } from 'node:fs';
import type { TensorMeta } from '../runtime/ort';

export interface OnnxOutline {
  inputs: TensorMeta[];
  outputs: TensorMeta[];
  /** Each external-data file the initializers point at, with the byte its last tensor ends at. */
  external: Map<string, number>;
}

// onnx.proto TensorProto.DataType → the names onnxruntime reports.
const ELEM_TYPES: Record<number, TensorMeta['type']> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
};

class Malformed extends Error {}

/** A window over the file, refilled as the walk moves. */
class Cursor {
  private win = Buffer.alloc(0);
  private at = 0;
  constructor(
    private readonly fh: fs.FileHandle,
    readonly size: number,
  ) {}

  async bytes(pos: number, n: number): Promise<Buffer> {
    if (pos < 0 || pos + n > this.size) throw new Malformed(`a field runs past the end of the file (${this.size} bytes)`);
    if (pos < this.at || pos + n > this.at + this.win.length) {
      const len = Math.min(Math.max(n, 1 << 16), this.size - pos);
      this.win = Buffer.alloc(len);
      await this.fh.read(this.win, 0, len, pos);
      this.at = pos;
    }
    return this.win.subarray(pos - this.at, pos - this.at + n);
  }

  async varint(pos: number, end: number): Promise<[number, number]> {
    let value = 0;
    for (let i = 0; i < 10; i++) {
      if (pos + i >= end) throw new Malformed('a number runs past its message');
      const b = (await this.bytes(pos + i, 1))[0]!;
      value += (b & 0x7f) * 2 ** (7 * i);
      if (b < 0x80) return [value, pos + i + 1];
    }
    throw new Malformed('a number longer than 10 bytes');
  }
}

type Field = { field: number; value: number; start: number; end: number };

/** Every field of the message in [start, end): varints by value, length-delimited ones by their span. */
async function* fields(c: Cursor, start: number, end: number): AsyncGenerator<Field> {
  let pos = start;
  while (pos < end) {
    const [tag, p] = await c.varint(pos, end);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw new Malformed(`field number 0 at byte ${pos}`);
    if (wire === 0) {
      const [value, q] = await c.varint(p, end);
      yield { field, value, start: p, end: (pos = q) };
    } else if (wire === 1 || wire === 5) {
      pos = p + (wire === 1 ? 8 : 4);
      if (pos > end) throw new Malformed(`a fixed-size field runs past its message at byte ${p}`);
    } else if (wire === 2) {
      const [len, q] = await c.varint(p, end);
      if (q + len > end) throw new Malformed(`a field of ${len} bytes at byte ${q} runs past its message`);
      yield { field, value: len, start: q, end: (pos = q + len) };
    } else throw new Malformed(`wire type ${wire} at byte ${pos}, which ONNX files do not use`);
  }
}

const text = async (c: Cursor, f: Field) => (await c.bytes(f.start, f.end - f.start)).toString('utf8');

async function valueInfo(c: Cursor, f: Field): Promise<TensorMeta | null> {
  let name = '';
  let type: TensorMeta['type'] | null = null;
  const shape: (number | string)[] = [];
  for await (const v of fields(c, f.start, f.end)) {
    if (v.field === 1) name = await text(c, v);
    if (v.field !== 2) continue;
    for await (const t of fields(c, v.start, v.end)) {
      if (t.field !== 1) continue; // only tensor types are read, as onnxruntime's metadata lists them
      for await (const tt of fields(c, t.start, t.end)) {
        if (tt.field === 1) type = ELEM_TYPES[tt.value] ?? null;
        if (tt.field === 2) for await (const d of fields(c, tt.start, tt.end)) if (d.field === 1) shape.push(await dim(c, d));
      }
    }
  }
  return name && type ? ({ name, isTensor: true, type, shape } as TensorMeta) : null;
}

async function dim(c: Cursor, d: Field): Promise<number | string> {
  for await (const x of fields(c, d.start, d.end)) {
    if (x.field === 1) return x.value;
    if (x.field === 2) return text(c, x);
  }
  return '';
}

/** An initializer's name and, when stored outside the file, where: location, offset, length. */
async function initializer(c: Cursor, f: Field): Promise<{ name: string; location: string | null; end: number }> {
  let name = '';
  const ext = new Map<string, string>();
  for await (const t of fields(c, f.start, f.end)) {
    if (t.field === 8) name = await text(c, t);
    if (t.field !== 13) continue;
    let key = '';
    let value = '';
    for await (const kv of fields(c, t.start, t.end)) {
      if (kv.field === 1) key = await text(c, kv);
      if (kv.field === 2) value = await text(c, kv);
    }
    ext.set(key, value);
  }
  return { name, location: ext.get('location') ?? null, end: Number(ext.get('offset') ?? 0) + Number(ext.get('length') ?? 0) };
}

/** The file's outline, or throws an Error saying what is wrong with it. */
export async function readOnnxOutline(file: string): Promise<OnnxOutline> {
  const fh = await fs.open(file, 'r');
  try {
    const c = new Cursor(fh, (await fh.stat()).size);
    let graph: Field | null = null;
    let ir = false;
    for await (const f of fields(c, 0, c.size)) {
      if (f.field === 7) graph = f;
      if (f.field === 1) ir = true;
    }
    if (!ir || !graph) throw new Malformed(ir ? 'no graph' : 'no IR version');
    const ins: TensorMeta[] = [];
    const outputs: TensorMeta[] = [];
    const inits = new Set<string>();
    const external = new Map<string, number>();
    for await (const f of fields(c, graph.start, graph.end)) {
      if (f.field === 5) {
        const init = await initializer(c, f);
        inits.add(init.name);
        if (init.location)
          external.set(init.location, Math.max(external.get(init.location) ?? 0, Number.isFinite(init.end) ? init.end : Infinity));
      } else if (f.field === 11 || f.field === 12) {
        const meta = await valueInfo(c, f);
        if (meta) (f.field === 11 ? ins : outputs).push(meta);
      }
    }
    // Older exports list initializers among the inputs; onnxruntime does not count them as inputs.
    const inputs = ins.filter((m) => !inits.has(m.name));
    if (inputs.length === 0 || outputs.length === 0) throw new Malformed('a graph without inputs or outputs');
    return { inputs, outputs, external };
  } catch (err) {
    throw err instanceof Malformed ? new Error(`not an ONNX model: ${err.message}`) : err;
  } finally {
    await fh.close();
  }
}
