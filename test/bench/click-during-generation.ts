// Runs in: benchmark (node). `npx tsx test/bench/click-during-generation.ts [--models DIR] [--steps N]
// [--single-lane]`: the engine's lanes at real cost, in process. With the full-size cost twins (SD 1.5
// inpainting, MobileSAM; written into DIR when missing, ~4.3 GB), a generation of N steps with guidance runs
// on the background lane while a MobileSAM decoder click fires every ~0.7 s on the interactive lane; prints
// click p50/p95/max during the generation and idle, the time per UNet evaluation and the peak RSS of this
// process (the engine's share). --single-lane runs the generation on the interactive lane: the behaviour
// before the lanes, where each click waited for the UNet evaluation in flight.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { inpaintPixels, type GenerateSettings } from '../../src-main/engine/diffusion/inpaint-service';
import { createEngineRuntime } from '../../src-main/engine/runtime/engine-runtime';
import { decodePrompt, encodeImage } from '../../src-main/engine/segment/sam-runs';
import { findSamPack, openSamPack } from '../../src-main/engine/segment/sam-pack';
import { TWIN_PACKS } from '../../src-main/twins/catalog';
import { twinsDir, writeTwinPack } from '../../src-main/twins/write-twin';
import { peakRss } from './proc-memory';

const { backgroundPool, backgroundQueue, inferenceQueue, sessionPool } = createEngineRuntime();

const { values } = parseArgs({ options: { models: { type: 'string' }, steps: { type: 'string' }, 'single-lane': { type: 'boolean' } } });
const modelsDir = path.resolve(values.models ?? twinsDir());
const steps = Number(values.steps ?? 2);
const singleLane = values['single-lane'] === true;
const gb = (b: number | null) => (b === null ? 'n/a' : `${(b / 2 ** 30).toFixed(2)} GB`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const figures = (xs: number[]) =>
  `n=${xs.length} p50 ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms`;

function photo(width: number, height: number) {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 251;
  return { data, width, height, channels: 3 as const };
}

async function ensureTwins(): Promise<void> {
  for (const id of ['mobilesam', 'sd15-inpaint']) {
    if (existsSync(path.join(modelsDir, id, 'anyfill-pack.json'))) continue;
    console.log(`writing the ${id} cost twin into ${modelsDir} …`);
    await writeTwinPack(
      modelsDir,
      TWIN_PACKS.find((p) => p.packId === id)!,
    );
  }
}

async function main(): Promise<void> {
  await ensureTwins();
  const pixels = photo(1024, 768);
  const sam = await openSamPack(modelsDir, await findSamPack(modelsDir, 'mobilesam'), sessionPool);
  const { embedding } = await encodeImage(sam, pixels, inferenceQueue, 'interactive');
  const click = async () => {
    const t = performance.now();
    await decodePrompt(
      sam,
      embedding,
      { points: [{ x: 200 + Math.random() * 600, y: 200 + Math.random() * 400, label: 1 }] },
      { queue: inferenceQueue },
    );
    return performance.now() - t;
  };
  const idle: number[] = [];
  for (let i = 0; i < 12; i++) idle.push(await click());
  console.log(`click, idle: ${figures(idle.slice(2))}`);

  const mask = { width: 1024, height: 768, data: new Uint8Array(1024 * 768) };
  for (let y = 300; y < 500; y++) mask.data.fill(255, y * 1024 + 400, y * 1024 + 600);
  const settings: GenerateSettings = {
    prompt: 'a bench',
    negativePrompt: '',
    seed: 1,
    steps,
    guidance: 7.5,
    strength: 1,
    scheduler: 'ddim',
    variants: 1,
    colourMatch: false,
  };
  const lane = singleLane ? { pool: sessionPool, queue: inferenceQueue } : { pool: backgroundPool, queue: backgroundQueue };
  const started = performance.now();
  let firstStepAt = 0;
  let running = true;
  const gen = inpaintPixels(pixels, mask, settings, {
    modelsDir,
    ...lane,
    onStep: (d) => void (d === 1 && (firstStepAt = performance.now())),
  }).finally(() => (running = false));
  const during: number[] = [];
  // The slowest clicks with when they were made: before the first step is loading, text and VAE encode.
  const slowest: Array<{ ms: number; at: number; beforeFirstStep: boolean }> = [];
  const clicker = (async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, 500 + Math.random() * 400));
      if (!running) break;
      const at = performance.now() - started;
      const ms = await click();
      during.push(ms);
      slowest.push({ ms, at, beforeFirstStep: firstStepAt === 0 });
      slowest.sort((a, b) => b.ms - a.ms).splice(3);
    }
  })();
  const out = await gen;
  await clicker;
  const t = out.timings;
  console.log(
    `${singleLane ? 'one lane (before)' : 'two lanes'}: generation ${((performance.now() - started) / 1000).toFixed(1)} s (${steps} steps, guidance, 512²): text ${(t.textMs / 1000).toFixed(1)} s, VAE encode ${(t.encodeMs / 1000).toFixed(1)} s, ${(t.unetMs / t.unetCalls / 1000).toFixed(1)} s per step (the guidance pair), decode ${(t.decodeMs / 1000).toFixed(1)} s; first step at ${((firstStepAt - started) / 1000).toFixed(1)} s`,
  );
  console.log(`click during the generation: ${during.length ? figures(during) : 'none fired'}`);
  for (const c of slowest)
    console.log(
      `  slow click: ${c.ms.toFixed(0)} ms, made at ${(c.at / 1000).toFixed(1)} s${c.beforeFirstStep ? ' (before the first step: loading, text, VAE encode)' : ''}`,
    );
  // Idle again: on a shared machine the load changes over minutes, so the two idle figures bracket it.
  const after: number[] = [];
  for (let i = 0; i < 10; i++) after.push(await click());
  console.log(`click, idle after: ${figures(after)}`);
  console.log(`peak RSS of this process (SAM + SD lanes): ${gb(await peakRss(process.pid))}`);
  await Promise.all([sessionPool.releaseAll(), backgroundPool.releaseAll()]);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
