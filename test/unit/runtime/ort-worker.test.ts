// Runs in: test tooling. Model runs happen in the ORT worker thread: while a slow model runs, the event
// loop keeps turning; outputs equal an in-thread run; a dead worker fails pending runs clearly and recovers.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src-main/standins/graph-builder';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { openSession, sessionOptions } from '../../../src-main/engine/runtime/open-session';
import { loadOrt, type Feeds, type InferenceSession } from '../../../src-main/engine/runtime/ort';
import { runModel } from '../../../src-main/engine/runtime/run-model';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { crashWorkerForTests } from '../../../src-main/engine/runtime/worker-session';
import { tempDir, writeModel, type TempDir } from './tiny-models';

const N = 768;
const STEPS = 80;

/** "y" = tanh(x·W) applied STEPS times on N×N float32: a few hundred ms of MatMul on two cores. */
function slowModel(): Uint8Array {
  const g = new GraphBuilder('slow');
  const w = g.constant({ dtype: 'float32', dims: [N, N], values: Array.from({ length: N * N }, (_, i) => Math.sin(i) / Math.sqrt(N)) });
  let t = g.input('x', 'float32', [N, N]);
  for (let i = 0; i < STEPS; i++) t = g.op('Tanh', [g.op('MatMul', [t, w])]);
  g.output('y', 'float32', [N, N], t);
  return g.toBytes();
}

const feeds = (): Feeds => ({
  x: new (loadOrt().Tensor)(
    'float32',
    Float32Array.from({ length: N * N }, (_, i) => Math.cos(i)),
    [N, N],
  ),
});

/** Runs fn while sampling the event loop's delay, and returns its result with the worst delay (ms). */
async function withDelay<T>(fn: () => Promise<T>): Promise<{ value: T; maxMs: number; ms: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  // The delay of a blocked loop is recorded by the next timer tick, after fn's continuation.
  await new Promise((r) => setTimeout(r, 20));
  h.disable();
  return { value, maxMs: h.max / 1e6, ms };
}

let tmp: TempDir;
let file: string;
beforeAll(async () => {
  tmp = await tempDir();
  file = await writeModel(tmp.file('slow.onnx'), slowModel());
});
afterAll(() => tmp.cleanup());

describe('ORT worker thread', () => {
  it('keeps the event loop free during a slow run, with the same outputs as an in-thread run', async () => {
    const { session } = await openSession(file, { providers: ['cpu'], label: 'Slow' });
    await session.run(feeds()); // warm: first runs plan memory
    const worker = await withDelay(() => runModel(session, feeds(), 'Slow'));

    const local: InferenceSession = await loadOrt().InferenceSession.create(file, sessionOptions('cpu'));
    await local.run(feeds());
    const inThread = await withDelay(() => local.run(feeds()));
    await local.release();

    console.log(
      `run ${worker.ms.toFixed(0)} ms: event-loop max delay ${worker.maxMs.toFixed(1)} ms in the worker, ${inThread.maxMs.toFixed(1)} ms in-thread`,
    );
    // Relative to the run itself, so a faster or busier machine does not change the verdict: in-thread, the
    // loop is blocked for (nearly) the whole run; through the worker, for a small fraction of it.
    expect(inThread.ms).toBeGreaterThan(100); // long enough to tell the two apart
    expect(inThread.maxMs).toBeGreaterThan(0.7 * inThread.ms);
    expect(worker.maxMs).toBeLessThan(0.25 * worker.ms);
    const [a, b] = [worker.value.y!, inThread.value.y!];
    expect(a).toBeInstanceOf(loadOrt().Tensor);
    expect(a.dims).toEqual(b.dims);
    expect(Buffer.from((a.data as Float32Array).buffer).equals(Buffer.from((b.data as Float32Array).buffer))).toBe(true);
    await session.release();
  });

  it('fails the pending run clearly when the worker dies, then the pool opens a fresh session', async () => {
    const queue = new InferenceQueue();
    const pool = new SessionPool({ queue });
    const { session } = await pool.get('slow', file, { providers: ['cpu'], label: 'Slow' });
    const crashed = crashWorkerForTests();
    const run = runModel(session, feeds(), 'Slow');
    await crashed;
    await expect(run).rejects.toMatchObject({ code: 'INTERNAL', message: 'The model runtime stopped unexpectedly; try again.' });
    await expect(runModel(session, feeds(), 'Slow')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(pool.has('slow')).toBe(false);

    const fresh = await pool.get('slow', file, { providers: ['cpu'], label: 'Slow' });
    expect(fresh.session).not.toBe(session);
    expect((await runModel(fresh.session, feeds(), 'Slow')).y!.dims).toEqual([N, N]);
    await pool.releaseAll();
  });
});
