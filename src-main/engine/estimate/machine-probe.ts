// Runs in: engine process. This machine's speed for the rough estimate (before a pack has run here): a
// short chain of 3×3 convolutions (the UNet's and the VAE's main layer) built in memory and run on the CPU
// with the engine's own thread settings, through the inference queue so it never overlaps a model run.
// About 0.6 GMAC per run, one warm-up and three timed runs: a few tenths of a second at most.
import { GraphBuilder } from '../../standins/graph-builder';
import { physicalCores } from '../runtime/cpu-cores';
import type { InferenceQueue } from '../runtime/inference-queue';
import { loadOrt } from '../runtime/ort';

const [C, S, LAYERS] = [64, 64, 4];
/** MACs of one probe run: LAYERS convs of C→C channels, 3×3, at S×S. */
export const PROBE_MACS = LAYERS * C * C * 9 * S * S;

function probeModel(): Uint8Array {
  const g = new GraphBuilder('anyfill-speed-probe');
  let x = g.input('x', 'float32', [1, C, S, S]);
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296 - 0.5) * 0.1;
  for (let i = 0; i < LAYERS; i++) {
    const w = g.constant({ dtype: 'float32', dims: [C, C, 3, 3], values: Float32Array.from({ length: C * C * 9 }, rand) });
    x = g.op('Conv', [x, w], { pads: [1, 1, 1, 1] });
  }
  g.output('y', 'float32', [1, C, S, S], x);
  return g.toBytes();
}

/** GMAC per second this machine's CPU reaches on convolutions through onnxruntime. */
export async function measureGmacPerS(queue: InferenceQueue): Promise<number> {
  const ort = loadOrt();
  const session = await ort.InferenceSession.create(probeModel(), {
    executionProviders: ['cpu'],
    executionMode: 'sequential',
    intraOpNumThreads: physicalCores(),
    interOpNumThreads: 1,
    logSeverityLevel: 3,
  });
  try {
    const input = new ort.Tensor('float32', new Float32Array(C * S * S).fill(0.5), [1, C, S, S]);
    return await queue.enqueue(
      async () => {
        await session.run({ x: input });
        const runs = 3;
        const started = performance.now();
        for (let i = 0; i < runs; i++) await session.run({ x: input });
        const seconds = Math.max(1e-4, (performance.now() - started) / 1000);
        return (runs * PROBE_MACS) / 1e9 / seconds;
      },
      { priority: 'background' },
    );
  } finally {
    await session.release();
  }
}
