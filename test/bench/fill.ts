// Runs in: benchmark (node). `npx tsx test/bench/fill.ts`: content-aware fill of a ~5 % blob on a 12-megapixel
// photo (picture3.jpg scaled up: kerb, road markings, a car's wheel), Remove with the MI-GAN and LaMa cost
// twins (written full size to the temp folder, run through removeFill as Remove runs it), PatchMatch and Telea, each in a fresh
// child process so its peak RSS is its own. Prints wall and CPU time, peak RSS, and quality figures next to
// each other: hole-vs-ring statistics (mean delta, variance and gradient-energy ratios, 1 is ideal), the
// seam across the mask border versus the same contour elsewhere in the photo, and RMS against the hidden
// original. Then PatchMatch beside OpenCV on 2 MP photos (fill-opencv.ts). Writes bench-results/fill.json. The fill runs as the app runs it (runFill: its worker thread
// gets only the crop the fill reads), so time and peak memory are the engine's; asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { removeFill } from '../../src-main/engine/erase';
import { runFill } from '../../src-main/engine/fill/fill-client';
import { pastePatch } from '../../src-main/engine/images/paste-patch';
import type { FillMethod, FillRequest, FillResult } from '../../src-main/engine/fill/types';
import { InferenceQueue } from '../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../src-main/engine/runtime/session-pool';
import { TWIN_PACKS } from '../../src-main/twins/catalog';
import { writeTwinPack } from '../../src-main/twins/write-twin';
import { blobMask, compareToRing, controlSeam, seam, type Img } from '../helpers/fill-metrics';
import { SHARED_IMAGES } from '../helpers/images';
import { compareWithOpenCv } from './fill-opencv';

const W = 4242,
  H = 2828; // 12.0 MP
const repoRoot = path.resolve(__dirname, '..', '..');

interface Row {
  method: FillMethod;
  wallMs: number;
  warmMs?: number;
  cpuMs: number;
  peakRssMiB: number;
  baseRssMiB: number;
  meanDelta: number;
  varRatio: number;
  gradRatio: number;
  seam: number;
  controlSeam: number;
  rms: number;
  rect: string;
}

/** The mask's box grown by its size, so metrics scan a neighbourhood rather than 12 MP per contour. */
function around(img: Img, mask: Uint8Array): { img: Img; mask: Uint8Array } {
  let x0 = W,
    y0 = H,
    x1 = 0,
    y1 = 0;
  for (let i = 0; i < mask.length; i++)
    if (mask[i]) {
      const x = i % W,
        y = (i - x) / W;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  const m = Math.max(x1 - x0, y1 - y0);
  const cx0 = Math.max(0, x0 - m),
    cy0 = Math.max(0, y0 - m),
    cw = Math.min(W, x1 + m + 1) - cx0,
    ch = Math.min(H, y1 + m + 1) - cy0;
  const data = new Uint8Array(cw * ch * 3),
    sub = new Uint8Array(cw * ch);
  for (let y = 0; y < ch; y++) {
    data.set(img.data.subarray(((cy0 + y) * W + cx0) * 3, ((cy0 + y) * W + cx0 + cw) * 3), y * cw * 3);
    sub.set(mask.subarray((cy0 + y) * W + cx0, (cy0 + y) * W + cx0 + cw), y * cw);
  }
  return { img: { data, width: cw, height: ch, channels: 3 }, mask: sub };
}

async function one(method: FillMethod, dir: string): Promise<void> {
  const image = { data: new Uint8Array(await readFile(path.join(dir, 'image.rgb'))), width: W, height: H, channels: 3 as const };
  const mask = new Uint8Array(await readFile(path.join(dir, 'mask.u8')));
  const baseRss = process.resourceUsage().maxRSS / 1024;
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  let r: FillResult, warmMs: number | undefined;
  if (method === 'migan' || method === 'lama') {
    // Remove with the eraser's cost twin installed (full size): the first call opens the session, as the
    // first Remove after launch does; the second is every later Remove.
    const queue = new InferenceQueue();
    const deps = { modelsDir: path.join(dir, 'models'), pool: new SessionPool({ queue }), queue };
    const req: FillRequest = { image, mask, method, seed: 1 };
    r = (await removeFill(req, deps)).result;
    const t1 = performance.now();
    await removeFill(req, deps);
    warmMs = Math.round(performance.now() - t1);
    await deps.pool.releaseAll();
  } else r = await runFill({ image, mask, method, seed: 1 });
  const cpu = process.cpuUsage(c0),
    wallMs = performance.now() - t0 - (warmMs ?? 0);
  const peakRss = process.resourceUsage().maxRSS / 1024;
  const out = pastePatch(image, r);
  const before = around(image, mask),
    after = around({ ...image, data: out }, mask);
  const ring = compareToRing(after.img, after.mask);
  let se = 0,
    n = 0;
  for (let i = 0; i < mask.length; i++)
    if (mask[i])
      for (let c = 0; c < 3; c++) {
        se += (out[i * 3 + c]! - image.data[i * 3 + c]!) ** 2;
        n++;
      }
  const row: Row = {
    method,
    wallMs: Math.round(wallMs),
    ...(warmMs === undefined ? {} : { warmMs }),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssMiB: Math.round(peakRss),
    baseRssMiB: Math.round(baseRss),
    meanDelta: ring.meanDelta,
    varRatio: ring.varRatio,
    gradRatio: ring.gradRatio,
    seam: seam(after.img, after.mask),
    controlSeam: controlSeam(before.img, before.mask),
    rms: Math.sqrt(se / n),
    rect: `${r.width}×${r.height} at ${r.x},${r.y}`,
  };
  if (process.env.BENCH_KEEP) {
    const left = Math.max(0, r.x - 200),
      top = Math.max(0, r.y - 200);
    const crop = { left, top, width: Math.min(W, r.x + r.width + 200) - left, height: Math.min(H, r.y + r.height + 200) - top };
    await sharp(out, { raw: { width: W, height: H, channels: 3 } })
      .extract(crop)
      .jpeg()
      .toFile(path.join(dir, `${method}-crop.jpg`));
    await sharp(image.data, { raw: { width: W, height: H, channels: 3 } })
      .extract(crop)
      .jpeg()
      .toFile(path.join(dir, 'original-crop.jpg'));
  }
  process.stdout.write(JSON.stringify(row));
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-bench-fill-'));
  try {
    const { data } = await sharp(path.join(SHARED_IMAGES, 'picture3.jpg'))
      .resize(W, H, { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    await writeFile(path.join(dir, 'image.rgb'), data);
    // A hand-drawn-looking blob of ~5 % of the image over the front wheel, kerb and road markings.
    const r = Math.sqrt((0.05 * W * H) / Math.PI / 1.014);
    const mask = blobMask(W, H, Math.round(W * 0.29), Math.round(H * 0.8), r);
    const area = mask.reduce((n, v) => n + (v ? 1 : 0), 0);
    await writeFile(path.join(dir, 'mask.u8'), mask);
    for (const id of ['migan-512', 'lama-512'])
      await writeTwinPack(
        path.join(dir, 'models'),
        TWIN_PACKS.find((p) => p.packId === id)!,
      );
    const rows: Row[] = [];
    for (const method of ['migan', 'lama', 'patchmatch', 'telea'] as const) {
      const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--one', method, dir], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`${method} run failed: ${child.stderr}`);
      rows.push(JSON.parse(child.stdout) as Row);
    }
    const machine = `${os.cpus().length}× ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${process.platform}`;
    console.log(
      `\nContent-aware fill, ${W}×${H} (${((W * H) / 1e6).toFixed(1)} MP), blob mask ${area} px (${((100 * area) / (W * H)).toFixed(1)} %) — ${machine}\n`,
    );
    console.log(
      'MI-GAN and LaMa: the cost twins (5.98 M, 15.1 GMAC; 51 M, 233 GMAC per 512² crop) through removeFill; wall ms includes opening the session (first Remove), warm ms is a second Remove; CPU ms and RSS cover both; their quality columns mean nothing (random weights).\n',
    );
    console.log(
      '| method | wall ms (warm) | CPU ms | peak RSS MiB (before) | patch | mean Δ | var ratio | grad ratio | seam (control) | RMS vs original |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const x of rows) {
      console.log(
        `| ${x.method} | ${x.wallMs}${x.warmMs === undefined ? '' : ` (${x.warmMs})`} | ${x.cpuMs} | ${x.peakRssMiB} (${x.baseRssMiB}) | ${x.rect} | ${x.meanDelta.toFixed(1)} | ${x.varRatio.toFixed(2)} | ${x.gradRatio.toFixed(2)} | ${x.seam.toFixed(1)} (${x.controlSeam.toFixed(1)}) | ${x.rms.toFixed(1)} |`,
      );
    }
    await mkdir(path.join(repoRoot, 'bench-results'), { recursive: true });
    await writeFile(
      path.join(repoRoot, 'bench-results', 'fill.json'),
      JSON.stringify({ machine, width: W, height: H, maskPixels: area, rows }, null, 2),
    );
    if (process.env.BENCH_KEEP) console.log(`\nkept ${dir}`);
    await compareWithOpenCv();
  } finally {
    if (!process.env.BENCH_KEEP) await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--one') void one(process.argv[3] as FillMethod, process.argv[4]!);
else void main();
