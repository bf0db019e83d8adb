// Runs in: benchmark (node). `npm run bench:cost [-- OPTIONS]`, two stages on the cost twins:
// (1) models: per twin, load time (session + contract check), first and steady run time, peak RSS of a
//     process that ran only that model, and the GMAC/s it reached (cost-one.ts in a child process each);
// (2) flows: the editor's flows in Chromium through the browser host (flows/run-flows.ts).
// Options: --models-only / --flows-only (one stage); --quick (fewer clicks, shorter hover, one text run,
// fewer measured steps: about half the flows' time); --width W (twins with a fraction W of the channels,
// for developing the harness: NOT the real cost); --budget-min M (default 10: a generation predicted to
// take longer is cancelled after its first steps and its total extrapolated, marked so).
// Twins are written on first use into ANYFILL_TWINS_DIR or ~/.cache/anyfill-twins (…-wW for a reduced
// width; GBs for SD) and reused. BENCH_TWINS=mobilesam,sd15-inpaint picks the models stage's packs;
// BENCH_RUNS (default 2) steady runs per model. Writes bench-results/cost.json and cost.md; a stage not
// run keeps its previous figures there, each stage with its own machine and date.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { TWIN_PACKS } from '../../src-main/twins/catalog';
import { countCost } from '../../src-main/twins/count-cost';
import { repoRoot } from '../helpers/browser-host-process';
import { CALL_NOTES } from './cost-feeds';
import { flowsTable } from './flows/flows-table';
import { runFlows } from './flows/run-flows';
import { describeMachine, machineLine } from './machine';
import { ensurePack, twinsDirFor } from './twin-cache';

const run = promisify(execFile);
/** Evaluations per call beyond the counted one (CFG runs the UNet on a batch of 2). */
const BATCH: Record<string, number> = { 'sd-inpaint:unet': 2 };
const OUT = path.join(repoRoot, 'bench-results');

async function modelsStage(width: number, machine: string) {
  const only = process.env.BENCH_TWINS?.split(',').map((s) => s.trim());
  const dir = twinsDirFor(width);
  const rows = [];
  for (const pack of TWIN_PACKS.filter((p) => !only || only.includes(p.packId))) {
    await ensurePack(dir, pack, width);
    for (const model of pack.models) {
      const key = `${pack.family}:${model.role}`;
      const gmac = (countCost(model.build(width).toBytes(), model.call).macs * (BATCH[key] ?? 1)) / 1e9;
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', path.join(repoRoot, 'test/bench/cost-one.ts'), dir, pack.packId, model.role],
        { cwd: repoRoot, maxBuffer: 1 << 20 },
      );
      const r = JSON.parse(stdout.trim().split('\n').pop()!) as {
        loadMs: number;
        firstMs: number;
        steadyMs: number | null;
        peakRssBytes: number | null;
        noNaN: boolean;
      };
      const row = {
        pack: pack.packId,
        role: model.role,
        call: CALL_NOTES[key],
        gmacPerCall: round(gmac),
        ...r,
        gmacPerSecond: r.steadyMs ? round(gmac / (r.steadyMs / 1000)) : null,
      };
      console.log(JSON.stringify(row));
      rows.push(row);
    }
  }
  const md = [
    `Cost twins (width ${width}) on ${machine}`,
    '',
    '| model | call | GMAC | load | first run | steady run | peak RSS | GMAC/s |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.pack} ${r.role} | ${r.call} | ${r.gmacPerCall} | ${s(r.loadMs)} | ${s(r.firstMs)} | ${r.steadyMs === null ? '—' : s(r.steadyMs)} | ${r.peakRssBytes ? `${(r.peakRssBytes / 2 ** 20).toFixed(0)} MiB` : '—'} | ${r.gmacPerSecond ?? '—'} |`,
    ),
  ].join('\n');
  return { machine, date: new Date().toISOString(), twinsWidth: width, rows, table: md };
}

/** What the app runs models on here, from `anyfill info --json` (the CPU provider unless a GPU one is available). */
async function accelerator(): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(repoRoot, 'dist/node/cli.cjs'), 'info', '--json'], { cwd: repoRoot }).catch(
    () => ({ stdout: '{}' }),
  );
  const eps = (
    (JSON.parse(stdout) as { executionProviders?: Array<{ name: string; available: boolean }> }).executionProviders ?? []
  ).filter((e) => e.available && e.name !== 'cpu' && e.name !== 'webgpu');
  return eps.length
    ? `GPU providers available to the app: ${eps.map((e) => e.name).join(', ')}`
    : 'no GPU used: onnxruntime-node CPU execution provider';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'models-only': { type: 'boolean' },
      'flows-only': { type: 'boolean' },
      quick: { type: 'boolean' },
      width: { type: 'string' },
      'budget-min': { type: 'string' },
    },
  });
  const width = values.width ? Number(values.width) : 1;
  if (!(width > 0 && width <= 1)) throw new Error('--width must be a fraction in (0, 1]');
  const budgetMin = values['budget-min'] ? Number(values['budget-min']) : 10;
  if (!(budgetMin > 0)) throw new Error('--budget-min must be a positive number of minutes');
  const machine = machineLine(describeMachine(await accelerator()));
  const started = Date.now();
  const previous = JSON.parse(await readFile(path.join(OUT, 'cost.json'), 'utf8').catch(() => '{}')) as {
    models?: { table: string };
    flows?: Record<string, unknown> & { table: string };
  };
  const models = values['flows-only'] ? previous.models : await modelsStage(width, machine);
  let flows = previous.flows;
  if (!values['models-only']) {
    const f = await runFlows({ width, quick: values.quick ?? false, budgetMs: budgetMin * 60_000 });
    flows = { machine, date: new Date().toISOString(), quick: values.quick ?? false, ...f, table: flowsTable(f, machine) };
  }
  await mkdir(OUT, { recursive: true });
  await writeFile(path.join(OUT, 'cost.json'), `${JSON.stringify({ models, flows }, null, 2)}\n`);
  const md = [models?.table, flows?.table].filter(Boolean).join('\n\n');
  await writeFile(path.join(OUT, 'cost.md'), `${md}\n`);
  console.log(`\n${md}\n\nbench:cost took ${((Date.now() - started) / 60_000).toFixed(1)} min; wrote bench-results/cost.json and cost.md`);
}

const round = (v: number) => Math.round(v * 10) / 10;
const s = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);

void main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});
