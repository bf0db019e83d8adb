// Runs in: test tooling. Resident tensors ([Note: resident tensors]): data fed on every run (a SAM image
// embedding) crosses to the ORT worker once; later runs refer to it and give the same outputs; a worker
// that dropped it or died gets it again; the worker's store stays within its byte budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src-main/standins/graph-builder';
import { HeldTensors } from '../../../src-main/engine/runtime/held-tensors';
import { MissingHeldTensor } from '../../../src-main/engine/runtime/worker-protocol';
import { ortClient } from '../../../src-main/engine/runtime/ort-client';
import { openSession } from '../../../src-main/engine/runtime/open-session';
import { loadOrt, type InferenceSession } from '../../../src-main/engine/runtime/ort';
import { markResident, residentId } from '../../../src-main/engine/runtime/resident-tensors';
import { crashWorkerForTests, workerRunMs } from '../../../src-main/engine/runtime/worker-session';
import type { TensorData } from '../../../src-main/engine/runtime/worker-protocol';
import { tempDir, writeModel, type TempDir } from './tiny-models';

const BIG = 1 << 20; // 4 MB of float32, an embedding's size

/** y = x (broadcast) + e: e stands for the image embedding, x for a click's prompt. */
function addModel(): Uint8Array {
  const g = new GraphBuilder('add');
  const y = g.op('Add', [g.input('e', 'float32', [BIG]), g.input('x', 'float32', [1])]);
  g.output('y', 'float32', [BIG], y);
  return g.toBytes();
}

let tmp: TempDir;
let session: InferenceSession;
const embedding = Float32Array.from({ length: BIG }, (_, i) => Math.sin(i));
const run = async (x: number) => {
  const T = loadOrt().Tensor;
  const out = await session.run({ e: new T('float32', embedding, [BIG]), x: new T('float32', Float32Array.of(x), [1]) });
  return out.y!.data as Float32Array;
};
const expectSums = (y: Float32Array, x: number) => {
  for (const i of [0, 1, 777, BIG - 1]) expect(y[i]).toBeCloseTo(embedding[i]! + x, 5);
};

beforeAll(async () => {
  tmp = await tempDir();
  ({ session } = await openSession(await writeModel(tmp.file('add.onnx'), addModel()), { providers: ['cpu'], label: 'Add' }));
  markResident(embedding);
});
afterAll(async () => {
  await session.release();
  await tmp.cleanup();
});

describe('resident tensors', () => {
  it('cross once: later runs refer to the held copy and give the same outputs', async () => {
    const id = residentId(embedding)!;
    expect(id).toBeGreaterThan(0);
    expectSums(await run(1), 1);
    expect(ortClient().held.has(id)).toBe(true);
    // What crosses to the worker from now on: a reference, not the 4 MB.
    const worker = (ortClient() as unknown as { worker: { postMessage: (m: unknown, t?: unknown) => void } }).worker;
    const sent: unknown[] = [];
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (m, t) => {
      sent.push((m as { feeds?: Record<string, unknown> }).feeds?.e);
      post(m, t);
    };
    try {
      for (const x of [2, -3, 0.5]) expectSums(await run(x), x);
    } finally {
      worker.postMessage = post;
    }
    expect(sent).toEqual([{ held: id }, { held: id }, { held: id }]);
    // The model's own time is measured inside the worker, without the hop.
    const T = loadOrt().Tensor;
    const out = await session.run({ e: new T('float32', embedding, [BIG]), x: new T('float32', Float32Array.of(0), [1]) });
    expect(workerRunMs(out)).toBeGreaterThanOrEqual(0);
  });

  it('are sent again when the worker no longer has them', async () => {
    const other = Float32Array.from(embedding);
    markResident(other);
    // The engine believes the worker holds it; the worker has never seen it: it answers "missing", the run is retried in full.
    ortClient().held.add(residentId(other)!);
    const T = loadOrt().Tensor;
    const out = await session.run({ e: new T('float32', other, [BIG]), x: new T('float32', Float32Array.of(4), [1]) });
    expectSums(out.y!.data as Float32Array, 4);
    expect(ortClient().held.has(residentId(other)!)).toBe(true);
  });

  it('are sent again after the worker died', async () => {
    await crashWorkerForTests();
    const fresh = await openSession(tmp.file('add.onnx'), { providers: ['cpu'], label: 'Add' });
    session = fresh.session;
    expect(ortClient().held.size).toBe(0);
    expectSums(await run(7), 7);
    expect(ortClient().held.has(residentId(embedding)!)).toBe(true);
  });
});

describe('the worker store', () => {
  const tensor = (n: number, hold?: number): TensorData => ({
    type: 'float32',
    dims: [n],
    data: new Float32Array(n),
    ...(hold ? { hold } : {}),
  });

  it('drops the least recently used tensors past its budget, never one the run brought', () => {
    const store = new HeldTensors(3 * 4000);
    store.resolve({ a: tensor(1000, 1) });
    store.resolve({ a: tensor(1000, 2) });
    store.resolve({ a: tensor(1000, 3) });
    store.resolve({ a: { held: 1 } }); // 1 used again: 2 is now the oldest
    const { evicted } = store.resolve({ a: tensor(1000, 4) });
    expect(evicted).toEqual([2]);
    expect(() => store.resolve({ a: { held: 2 } })).toThrow(MissingHeldTensor);
    expect(store.resolve({ a: { held: 1 }, b: { held: 3 }, c: { held: 4 } }).tensors.c!.dims).toEqual([1000]);
    // A tensor over the whole budget is still kept for its own run.
    const big = store.resolve({ a: tensor(5000, 5) });
    expect(big.evicted).toEqual([1, 3, 4]);
    expect(store.size).toBe(1);
  });
});
