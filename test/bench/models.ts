// Runs in: benchmark (node). `npm run bench` (second part): per stand-in pack, session creation and
// warm-up time for each model file; and download throughput from a local hub against a plain HTTP read
// of the same bytes (the ratio is the cost of Range/lock/sha256/fsync). Writes bench-results/models.json.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CatalogSchema } from '../../src-shared/models/catalog-schema';
import { DownloadManager } from '../../src-main/engine/models/download-manager';
import { readManifest, resolvePackFile } from '../../src-main/engine/models/pack-files';
import { checkContract } from '../../src-main/engine/runtime/check-contract';
import { modelRoles } from '../../src-main/engine/runtime/contracts';
import { InferenceQueue } from '../../src-main/engine/runtime/inference-queue';
import { openSession } from '../../src-main/engine/runtime/open-session';
import { warmUp } from '../../src-main/engine/runtime/warm-up';
import { gdinoWarmUpHints } from '../../src-main/engine/models/warm-up-hints';
import { writeStandins } from '../../src-main/standins/index';
import { repoRoot } from '../helpers/browser-host-process';
import { startHubServer } from '../helpers/hub-server';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const DOWNLOAD_MB = Number(process.env.BENCH_DOWNLOAD_MB ?? 200);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function sessions(dir: string): Promise<Array<{ pack: string; role: string; createMs: number; warmUpMs: number }>> {
  const rows = [];
  const queue = new InferenceQueue();
  for (const { manifest } of await writeStandins(dir)) {
    for (const role of modelRoles(manifest.layout)) {
      const file = resolvePackFile(dir, (await readManifest(dir, manifest.packId))!, role);
      const create: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        const { session } = await openSession(file, { providers: ['cpu'], label: manifest.packId });
        checkContract(session, manifest.layout, role);
        create.push(performance.now() - t0);
        warm.push((await warmUp(session, queue, await gdinoWarmUpHints(dir, manifest))).ms);
        await session.release();
      }
      rows.push({ pack: manifest.packId, role, createMs: round(median(create)), warmUpMs: round(median(warm)) });
    }
  }
  return rows;
}

async function download(dir: string): Promise<{ mb: number; plainMBps: number; downloadMBps: number; ratio: number }> {
  const hubRoot = path.join(dir, 'hub');
  await mkdir(path.join(hubRoot, 'bench', 'repo'), { recursive: true });
  await writeFile(path.join(hubRoot, 'bench', 'repo', 'weights.bin'), Buffer.alloc(DOWNLOAD_MB * 2 ** 20, 7));
  const hub = await startHubServer(hubRoot);
  const catalog = CatalogSchema.parse({
    schemaVersion: 1,
    packs: [
      {
        id: 'bench-pack',
        family: 'sd-inpaint',
        layout: 'sd-diffusers-onnx',
        title: 'Bench',
        description: 'bench',
        licence: { name: 'none', url: 'https://huggingface.co/x' },
        precision: 'fp32',
        recommendedDevice: 'cpu',
        memoryMB: 1,
        roles: {},
        files: [
          { path: 'weights.bin', repo: 'bench/repo', revision: 'main', source: 'weights.bin', bytes: DOWNLOAD_MB * 2 ** 20, sha256: null },
        ],
      },
    ],
  });
  const plain: number[] = [];
  const full: number[] = [];
  try {
    for (let i = 0; i < Math.min(RUNS, 3); i++) {
      let t0 = performance.now();
      const res = await fetch(`${hub.url}/bench/repo/resolve/main/weights.bin`);
      const reader = res.body!.getReader(); // read and drop: the network floor
      while (!(await reader.read()).done);
      plain.push(performance.now() - t0);
      const modelsDir = path.join(dir, `models-${i}`);
      t0 = performance.now();
      await new DownloadManager({ modelsDir, onProgress: () => undefined, catalog }).download('bench-pack', { endpoint: hub.url });
      full.push(performance.now() - t0);
      await rm(modelsDir, { recursive: true, force: true });
    }
  } finally {
    await hub.close();
  }
  const mbps = (ms: number) => round(DOWNLOAD_MB / (ms / 1000));
  return { mb: DOWNLOAD_MB, plainMBps: mbps(median(plain)), downloadMBps: mbps(median(full)), ratio: round(median(full) / median(plain)) };
}

const round = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-bench-models-'));
  try {
    const rows = await sessions(dir);
    const dl = await download(dir);
    const machine = `${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${process.platform}`;
    console.log(`\nStand-in sessions on CPU — ${machine}, median of ${RUNS}`);
    console.log('| pack | model | create + contract check | warm-up |\n| --- | --- | --- | --- |');
    for (const r of rows) console.log(`| ${r.pack} | ${r.role} | ${r.createMs} ms | ${r.warmUpMs} ms |`);
    console.log(
      `\nDownload of ${dl.mb} MB from a local hub: ${dl.downloadMBps} MB/s verified and installed vs ${dl.plainMBps} MB/s plain read (×${dl.ratio} time)`,
    );
    await mkdir(path.join(repoRoot, 'bench-results'), { recursive: true });
    await writeFile(
      path.join(repoRoot, 'bench-results', 'models.json'),
      JSON.stringify({ machine, runs: RUNS, sessions: rows, download: dl }, null, 2),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
