// Runs in: benchmark (node). `npx tsx test/bench/generation-memory.ts [--models DIR] [--steps N]`: the
// engine's memory through one fp32 SD generation with the full-size cost twins (written into DIR when
// missing), on the background lane as the app runs it. Samples this process's /proc status every 100 ms
// and prints the peak resident set per stage, split into anonymous memory (weights ORT copied or
// re-laid out, activations) and file pages (the mapped weight files, which the kernel can drop).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { inpaintPixels } from '../../src-main/engine/diffusion/inpaint-service';
import { createEngineRuntime } from '../../src-main/engine/runtime/engine-runtime';
import { TWIN_PACKS } from '../../src-main/twins/catalog';
import { twinsDir, writeTwinPack } from '../../src-main/twins/write-twin';

const { backgroundPool, backgroundQueue } = createEngineRuntime();

const { values } = parseArgs({ options: { models: { type: 'string' }, steps: { type: 'string' } } });
const modelsDir = path.resolve(values.models ?? twinsDir());
const gb = (kb: number) => `${(kb / 2 ** 20).toFixed(2)} GB`;

function status(): { rss: number; anon: number; file: number } {
  const text = readFileSync('/proc/self/status', 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0);
  return { rss: kb('VmRSS'), anon: kb('RssAnon'), file: kb('RssFile') };
}

async function main(): Promise<void> {
  if (!existsSync(path.join(modelsDir, 'sd15-inpaint', 'anyfill-pack.json')))
    await writeTwinPack(
      modelsDir,
      TWIN_PACKS.find((p) => p.packId === 'sd15-inpaint')!,
    );
  const samples: Array<{ at: number; rss: number; anon: number; file: number }> = [];
  const timer = setInterval(() => samples.push({ at: performance.now(), ...status() }), 100);
  const width = 1024;
  const pixels = { data: Buffer.alloc(width * 768 * 3, 120), width, height: 768, channels: 3 as const };
  const mask = { width, height: 768, data: new Uint8Array(width * 768) };
  for (let y = 300; y < 500; y++) mask.data.fill(255, y * width + 400, y * width + 600);
  const started = performance.now();
  const steps = Number(values.steps ?? 1);
  const settings = {
    prompt: 'a bench',
    negativePrompt: '',
    seed: 1,
    steps,
    guidance: 7.5,
    strength: 1,
    scheduler: 'ddim' as const,
    variants: 1,
    colourMatch: false,
  };
  const out = await inpaintPixels(pixels, mask, settings, { modelsDir, pool: backgroundPool, queue: backgroundQueue });
  const ended = performance.now();
  clearInterval(timer);
  // Stages back from the end by the pipeline's own timings (blend and paste-back are the last few ms).
  const t = out.timings;
  const bounds: Array<[string, number]> = [];
  let at = ended - t.blendMs - t.safetyMs - t.decodeMs;
  bounds.unshift(['VAE decode', ended]);
  bounds.unshift([`UNet (${steps} step(s), guidance)`, at]);
  at -= t.denoiseMs;
  bounds.unshift(['VAE encode', at]);
  at -= t.encodeMs;
  bounds.unshift(['text encoder', at]);
  at -= t.textMs;
  bounds.unshift(['open the four sessions', at]);
  let from = started;
  for (const [name, until] of bounds) {
    const inStage = samples.filter((s) => s.at >= from && s.at < until);
    from = until;
    if (inStage.length === 0) continue;
    const peak = (k: 'rss' | 'anon' | 'file') => Math.max(...inStage.map((s) => s[k]));
    console.log(
      `${name.padEnd(28)} peak RSS ${gb(peak('rss'))} (anonymous ${gb(peak('anon'))}, file pages ${gb(peak('file'))}), ${((until - (bounds[bounds.findIndex(([n]) => n === name) - 1]?.[1] ?? started)) / 1000).toFixed(0)} s`,
    );
  }
  const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  console.log(`VmHWM ${gb(Number(hwm))}; ${((ended - started) / 1000).toFixed(0)} s in all; after: ${gb(status().rss)}`);
  await backgroundPool.releaseAll();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
