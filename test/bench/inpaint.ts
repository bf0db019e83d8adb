// Runs in: benchmark (node). `npx tsx test/bench/inpaint.ts`: generative fill with the SD stand-ins, in
// process. (1) Per-step pipeline overhead beyond the UNet's own run time: the denoising loop's time per
// step minus a bare session.run of the same UNet on the same shapes (target ≤ 3 % of a real UNet step;
// the stand-in UNet is ~1000× cheaper than SD's, so the absolute ms per step is the figure that carries
// over). (2) Cancel latency: abort mid-run → rejection. (3) Peak memory of a 512×512 job on a
// 24-megapixel photo (crop, model, paste-back).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inpaintPixels, openPack, type GenerateSettings } from '../../src-main/engine/diffusion/inpaint-service';
import type { Pixels } from '../../src-main/engine/images/pixels';
import { InferenceQueue } from '../../src-main/engine/runtime/inference-queue';
import { loadOrt } from '../../src-main/engine/runtime/ort';
import { SessionPool } from '../../src-main/engine/runtime/session-pool';
import { writeStandins } from '../../src-main/standins/index';

const STEPS = Number(process.env.BENCH_STEPS ?? 30);
const round = (x: number) => Math.round(x * 100) / 100;
const mb = (b: number) => Math.round(b / 2 ** 20);

function photo(width: number, height: number): Pixels {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = 90 + ((x ^ y) & 31);
    }
  return { data, width, height, channels: 3 };
}

function holeMask(width: number, height: number, side: number) {
  const data = new Uint8Array(width * height);
  const [x0, y0] = [Math.floor(width / 2 - side / 2), Math.floor(height / 2 - side / 2)];
  for (let y = y0; y < y0 + side; y++) data.fill(255, y * width + x0, y * width + x0 + side);
  return { width, height, data };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-bench-inpaint-'));
  await writeStandins(dir, (id) => id === 'sd15-inpaint');
  const queue = new InferenceQueue();
  const pool = new SessionPool({ queue });
  const deps = { modelsDir: dir, pool, queue };
  const settings: GenerateSettings = {
    prompt: 'a red car',
    negativePrompt: '',
    seed: 1,
    steps: STEPS,
    guidance: 7.5,
    strength: 1,
    scheduler: 'dpmpp-2m-karras',
    variants: 1,
    colourMatch: true,
  };
  try {
    const small = photo(1024, 768);
    const mask = holeMask(1024, 768, 300);
    await inpaintPixels(small, mask, { ...settings, steps: 2 }, deps); // warm: sessions open, JIT warm

    // (1) Bare UNet runs on the same shapes (batch 2 CFG, 64×64 latents), then the pipeline.
    const pack = await openPack(dir, undefined, deps);
    const { Tensor } = loadOrt();
    const feeds = {
      sample: new Tensor('float32', new Float32Array(2 * 9 * 64 * 64).fill(0.1), [2, 9, 64, 64]),
      timestep: new Tensor('float32', Float32Array.from([500]), [1]),
      encoder_hidden_states: new Tensor('float32', new Float32Array(2 * 77 * 768), [2, 77, 768]),
    };
    const bare: number[] = [];
    for (let i = 0; i < STEPS; i++) {
      const t = performance.now();
      await pack.models.unet.session.run(feeds);
      bare.push(performance.now() - t);
    }
    const bareMs = bare.reduce((a, b) => a + b, 0) / bare.length;
    const out = await inpaintPixels(small, mask, settings, deps);
    const stepMs = out.timings.denoiseMs / out.timings.unetCalls;
    const overheadMs = stepMs - bareMs;
    console.log(
      `per step: ${round(stepMs)} ms in the loop vs ${round(bareMs)} ms bare UNet run → overhead ${round(overheadMs)} ms/step (${round((100 * overheadMs) / bareMs)} % of the stand-in UNet)`,
    );
    console.log(
      `  of which inside the UNet call (queue, tensor casts, worker hop): ${round(out.timings.unetMs / out.timings.unetCalls - bareMs)} ms; scheduler + guidance + checks: ${round((out.timings.denoiseMs - out.timings.unetMs) / out.timings.unetCalls)} ms`,
    );
    console.log(`  vs a real SD 1.5 UNet step on CPU (~1500 ms at 512², batch 2): ${round((100 * overheadMs) / 1500)} % (target ≤ 3 %)`);

    // (2) Cancel latency: abort at a random step, time until the run rejects.
    const lat: number[] = [];
    for (let r = 0; r < 5; r++) {
      const abort = new AbortController();
      const at = 2 + Math.floor(Math.random() * (STEPS - 4));
      let t0 = 0;
      const run = inpaintPixels(small, mask, settings, {
        ...deps,
        signal: abort.signal,
        onStep: (d) => void (d === at && setImmediate(() => ((t0 = performance.now()), abort.abort()))),
      });
      await run.then(
        () => undefined,
        () => undefined,
      );
      lat.push(performance.now() - t0);
    }
    console.log(
      `cancel latency: max ${round(Math.max(...lat))} ms, mean ${round(lat.reduce((a, b) => a + b, 0) / lat.length)} ms (bound: one UNet step, ${round(stepMs)} ms here)`,
    );

    // (3) 24 MP photo: a 512×512 hole processed at 512², peak RSS of this process.
    const big = photo(6000, 4000);
    const bigMask = holeMask(6000, 4000, 512);
    const before = process.memoryUsage().rss;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const t = performance.now();
    const res = await inpaintPixels(big, bigMask, { ...settings, steps: 10 }, deps);
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(
      `24 MP photo, 512² hole: crop ${res.plan.crop.width}² → ${res.plan.processing.width}², ${Math.round(performance.now() - t)} ms for 10 steps; RSS ${mb(before)} MB before (image 69 MB + mask 23 MB held) → peak ${mb(peak)} MB (+${mb(peak - before)} MB for the job)`,
    );
  } finally {
    await pool.releaseAll();
    await rm(dir, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
