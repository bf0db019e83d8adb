// Runs in: benchmark (node). `npm run bench:cost`: per cost twin, load time (session + contract check),
// first and steady run time, peak RSS of a process that ran only that model, and the GMAC/s it reached.
// Twins are written on first use into ANYFILL_TWINS_DIR or ~/.cache/anyfill-twins (GBs for SD) and reused.
// BENCH_TWINS=mobilesam,sd15-inpaint picks packs; BENCH_RUNS (default 2) steady runs per model.
// Writes bench-results/cost.json and bench-results/cost.md.
import { execFile } from 'node:child_process';
import { stat, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readManifest } from '../../src-main/engine/models/pack-files';
import { TWIN_PACKS, type TwinPack } from '../../src-main/twins/catalog';
import { countCost } from '../../src-main/twins/count-cost';
import { twinsDir, writeTwinPack } from '../../src-main/twins/write-twin';
import { repoRoot } from '../helpers/browser-host-process';
import { CALL_NOTES } from './cost-feeds';

const run = promisify(execFile);
/** Evaluations per call beyond the counted one (CFG runs the UNet on a batch of 2). */
const BATCH: Record<string, number> = { 'sd-inpaint:unet': 2 };

async function ensurePack(dir: string, pack: TwinPack): Promise<void> {
  const manifest = await readManifest(dir, pack.packId);
  const sizes = await Promise.all((manifest?.files ?? []).map((f) => stat(path.join(dir, pack.packId, f.path)).then((s) => s.size === f.bytes, () => false)));
  const complete = manifest && pack.models.every((m) => manifest.files.some((f) => f.path === m.file)) && sizes.every(Boolean);
  if (complete) return;
  const t0 = performance.now();
  await writeTwinPack(dir, pack);
  console.log(`wrote ${pack.packId} twins in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} vCPU (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, no GPU: onnxruntime-node CPU execution provider`;
}

async function main(): Promise<void> {
  const only = process.env.BENCH_TWINS?.split(',').map((s) => s.trim());
  const dir = twinsDir();
  const rows = [];
  for (const pack of TWIN_PACKS.filter((p) => !only || only.includes(p.packId))) {
    await ensurePack(dir, pack);
    for (const model of pack.models) {
      const key = `${pack.family}:${model.role}`;
      const gmac = (countCost(model.build(1).toBytes(), model.call).macs * (BATCH[key] ?? 1)) / 1e9;
      const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/bench/cost-one.ts'), dir, pack.packId, model.role], { cwd: repoRoot, maxBuffer: 1 << 20 });
      const r = JSON.parse(stdout.trim().split('\n').pop()!) as { loadMs: number; firstMs: number; steadyMs: number | null; peakRssBytes: number | null; noNaN: boolean };
      const row = { pack: pack.packId, role: model.role, call: CALL_NOTES[key], gmacPerCall: round(gmac), ...r, gmacPerSecond: r.steadyMs ? round(gmac / (r.steadyMs / 1000)) : null };
      console.log(JSON.stringify(row));
      rows.push(row);
    }
  }
  const md = [
    `Cost twins on ${machine()}`,
    '',
    '| model | call | GMAC | load | first run | steady run | peak RSS | GMAC/s |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.pack} ${r.role} | ${r.call} | ${r.gmacPerCall} | ${s(r.loadMs)} | ${s(r.firstMs)} | ${r.steadyMs === null ? '—' : s(r.steadyMs)} | ${r.peakRssBytes ? `${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB` : '—'} | ${r.gmacPerSecond ?? '—'} |`),
  ].join('\n');
  await mkdir(path.join(repoRoot, 'bench-results'), { recursive: true });
  await writeFile(path.join(repoRoot, 'bench-results', 'cost.json'), `${JSON.stringify({ machine: machine(), date: new Date().toISOString(), rows }, null, 2)}\n`);
  await writeFile(path.join(repoRoot, 'bench-results', 'cost.md'), `${md}\n`);
  console.log(`\n${md}`);
}

const round = (v: number) => Math.round(v * 10) / 10;
const s = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
