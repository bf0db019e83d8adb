// Runs in: benchmark (node child process). Loads one twin model the way the engine does (ORT worker,
// contract check), runs it once cold and BENCH_RUNS times warm, and prints one JSON line with its
// timings and this process's peak RSS (so each model's memory is measured alone).
import { readManifest, resolvePackFile } from '../../src-main/engine/models/pack-files';
import { checkContract } from '../../src-main/engine/runtime/check-contract';
import { openSession } from '../../src-main/engine/runtime/open-session';
import { runModel } from '../../src-main/engine/runtime/run-model';
import { readFloat32 } from '../../src-main/engine/runtime/tensors';
import { feedsFor } from './cost-feeds';
import { peakRss } from './proc-memory';

async function main(): Promise<void> {
  const [modelsDir, packId, role] = process.argv.slice(2) as [string, string, string];
  const runs = Number(process.env.BENCH_RUNS ?? 2);
  const manifest = (await readManifest(modelsDir, packId))!;
  const file = resolvePackFile(modelsDir, manifest, role);
  let t0 = performance.now();
  const { session } = await openSession(file, { providers: ['cpu'], label: `${packId} ${role}` });
  checkContract(session, manifest.layout, role);
  const loadMs = performance.now() - t0;
  const feeds = feedsFor(manifest.family, role);
  const times: number[] = [];
  // NaN is a broken twin; −inf is expected (Grounding DINO's logits past the text).
  let noNaN = true;
  for (let i = 0; i <= runs; i++) {
    t0 = performance.now();
    const out = await runModel(session, feeds, `${packId} ${role}`);
    times.push(performance.now() - t0);
    for (const t of Object.values(out)) if (t.type === 'float32' && readFloat32(t).some(Number.isNaN)) noNaN = false;
  }
  const steady = times.slice(1).sort((a, b) => a - b);
  const row = {
    loadMs,
    firstMs: times[0]!,
    steadyMs: steady[Math.floor(steady.length / 2)] ?? null,
    peakRssBytes: await peakRss(process.pid),
    noNaN,
  };
  console.log(JSON.stringify(row));
  await session.release();
  process.exit(0);
}

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
