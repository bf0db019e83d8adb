// Runs in: test tooling. The runtime lanes (lanes.ts): a run on the interactive lane is answered while a
// long run holds the background lane (one shared worker made it wait for the whole run), the background
// lane's ORT threads run at lowered priority on Linux, and the thread policy per lane and platform.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphBuilder } from '../../../src-main/standins/graph-builder';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { BACKGROUND_NICE, lanePolicy } from '../../../src-main/engine/runtime/lanes';
import { loadOrt } from '../../../src-main/engine/runtime/ort';
import { runModel } from '../../../src-main/engine/runtime/run-model';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { tempDir, writeModel, type TempDir } from './tiny-models';

const N = 512;

/** tanh(x·W) `depth` times on N×N float32: depth 200 is about a second of MatMul on two cores, depth 1 a few ms. */
function chain(depth: number): Uint8Array {
  const g = new GraphBuilder(`chain${depth}`);
  const w = g.constant({ dtype: 'float32', dims: [N, N], values: Array.from({ length: N * N }, (_, i) => Math.sin(i) / Math.sqrt(N)) });
  let t = g.input('x', 'float32', [N, N]);
  for (let i = 0; i < depth; i++) t = g.op('Tanh', [g.op('MatMul', [t, w])]);
  g.output('y', 'float32', [N, N], t);
  return g.toBytes();
}

const feeds = () => ({
  x: new (loadOrt().Tensor)(
    'float32',
    Float32Array.from({ length: N * N }, (_, i) => Math.cos(i)),
    [N, N],
  ),
});

/** Nice values of this process's threads (Linux /proc). */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) =>
    Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]),
  );
}

let tmp: TempDir;
let slowFile: string;
let quickFile: string;
const interactive = new SessionPool({ queue: new InferenceQueue() });
const background = new SessionPool({ queue: new InferenceQueue(), lane: 'background' });
beforeAll(async () => {
  tmp = await tempDir();
  slowFile = await writeModel(tmp.file('slow.onnx'), chain(200));
  quickFile = await writeModel(tmp.file('quick.onnx'), chain(1));
});
afterAll(async () => {
  await Promise.all([interactive.releaseAll(), background.releaseAll()]);
  await tmp.cleanup();
});

describe('runtime lanes', () => {
  it('answers an interactive run while a long run holds the background lane', async () => {
    const slow = (await background.get('slow', slowFile, { providers: ['cpu'], label: 'Slow' })).session;
    const quick = (await interactive.get('quick', quickFile, { providers: ['cpu'], label: 'Quick' })).session;
    await runModel(quick, feeds(), 'Quick'); // warm
    let t0 = performance.now();
    await runModel(slow, feeds(), 'Slow');
    const slowMs = performance.now() - t0;

    t0 = performance.now();
    let slowEnded = 0;
    const long = runModel(slow, feeds(), 'Slow').then(() => (slowEnded = performance.now() - t0));
    await new Promise((r) => setTimeout(r, slowMs / 4)); // the slow run is under way
    const asked = performance.now();
    await runModel(quick, feeds(), 'Quick');
    const answeredMs = performance.now() - asked;
    await long;
    console.log(
      `background run ${slowMs.toFixed(0)} ms alone, ${slowEnded.toFixed(0)} ms with the click; interactive run answered in ${answeredMs.toFixed(0)} ms`,
    );
    expect(slowMs).toBeGreaterThan(200); // long enough to tell waiting from not waiting
    // Waiting for the slow run would take the rest of it (≥ ¾ of slowMs); a free lane answers in a fraction.
    expect(answeredMs).toBeLessThan(0.35 * slowMs);
    expect(slowEnded).toBeGreaterThan(slowMs / 4 + answeredMs);
  }, 60_000);

  it.runIf(process.platform === 'linux')('runs the background worker and the ORT threads it starts at lowered priority', async () => {
    await background.get('slow', slowFile, { providers: ['cpu'], label: 'Slow' });
    await interactive.get('quick', quickFile, { providers: ['cpu'], label: 'Quick' });
    const nices = threadNices();
    const cores = lanePolicy('background', 2, 'linux').intraOpThreads;
    // The worker thread and its session's intra-op threads (ORT counts the caller as one of them).
    expect(nices.filter((n) => n === BACKGROUND_NICE).length).toBeGreaterThanOrEqual(Math.min(cores, 2));
    expect(nices.filter((n) => n === 0).length).toBeGreaterThan(0); // the engine's own threads keep their priority
  });

  it('gives the background lane every core at nice 10 on Linux, one core fewer elsewhere, and no memory arena', () => {
    expect(lanePolicy('interactive', 8, 'linux')).toEqual({ intraOpThreads: 8, nice: 0, memArena: true });
    expect(lanePolicy('interactive', 8, 'win32')).toEqual({ intraOpThreads: 8, nice: 0, memArena: true });
    expect(lanePolicy('background', 8, 'linux')).toEqual({ intraOpThreads: 8, nice: BACKGROUND_NICE, memArena: false });
    expect(lanePolicy('background', 8, 'darwin')).toEqual({ intraOpThreads: 7, nice: 0, memArena: false });
    expect(lanePolicy('background', 1, 'win32')).toEqual({ intraOpThreads: 1, nice: 0, memArena: false });
  });
});

describe('which lane a pack runs on', () => {
  it('puts generation and the learned eraser on the background lane, selection models on the interactive one', async () => {
    const { createEngineRuntime } = await import('../../../src-main/engine/runtime/engine-runtime');
    const { backgroundPool, runtimeFor, sessionPool } = createEngineRuntime();
    expect(runtimeFor('sd-inpaint').pool).toBe(backgroundPool);
    expect(runtimeFor('eraser').pool).toBe(backgroundPool);
    for (const family of ['sam1', 'sam2', 'gdino', undefined]) expect(runtimeFor(family).pool).toBe(sessionPool);
  });
});
