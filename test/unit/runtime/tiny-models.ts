// Runs in: test tooling. Tiny ONNX models written by the stand-in graph builder, for the runtime tests:
// an echo model per dtype, models with any input/output signature, and a model with external data.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GraphBuilder, type Dim, type DType } from '../../../src-main/standins/graph-builder';

export interface TempDir {
  dir: string;
  file: (...parts: string[]) => string;
  cleanup: () => Promise<void>;
}

export async function tempDir(): Promise<TempDir> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-runtime-'));
  return { dir, file: (...parts) => path.join(dir, ...parts), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeModel(file: string, bytes: Uint8Array, external?: Uint8Array[]): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
  if (external) await writeFile(path.join(path.dirname(file), 'weights.pb'), Buffer.concat(external));
  return file;
}

/** Input "x" of any dtype and shape, echoed as float32 "y": shows what the model actually received. */
export function echoModel(dtype: DType, shape: Dim[]): Uint8Array {
  const g = new GraphBuilder(`echo_${dtype}`);
  const x = g.input('x', dtype, shape);
  g.output('y', 'float32', shape, g.op('Cast', [x], { to: 1 }));
  return g.toBytes();
}

/** float32 "y" = float32 "x" cast to float16 by ORT: its rounding, to compare ours with. */
export function toHalfModel(): Uint8Array {
  const g = new GraphBuilder('to_half');
  g.output('y', 'float16', ['n'], g.op('Cast', [g.input('x', 'float32', ['n'])], { to: 10 }));
  return g.toBytes();
}

export type Sig = Array<[name: string, dtype: DType, shape: Dim[]]>;

/** A model with exactly these inputs and outputs; each output is a zero constant (dynamic dims as 1). */
export function signatureModel(inputs: Sig, outputs: Sig): Uint8Array {
  const g = new GraphBuilder('signature');
  for (const [name, dtype, shape] of inputs) g.input(name, dtype, shape);
  for (const [name, dtype, shape] of outputs) {
    const dims = shape.map((d) => (typeof d === 'number' ? d : 1));
    const count = dims.reduce((a, b) => a * b, 1);
    g.output(name, dtype, shape, g.constant({ dtype, dims, values: new Array<number>(count).fill(0) }));
  }
  return g.toBytes();
}

/** "y" = "x" + sum of a 4-value weight stored in weights.pb (10): loads only if the external file resolves. */
export function externalModel(): { model: Uint8Array; weights: Uint8Array[] } {
  const ext = { location: 'weights.pb', chunks: [] as Uint8Array[], offset: 0 };
  const g = new GraphBuilder('external', ext);
  const w = g.constant({ dtype: 'float32', dims: [4], values: [1, 2, 3, 4] }, true);
  g.output('y', 'float32', ['n'], g.op('Add', [g.input('x', 'float32', ['n']), g.op('ReduceSum', [w], { keepdims: 0 })]));
  const model = g.toBytes();
  return { model, weights: ext.chunks };
}
