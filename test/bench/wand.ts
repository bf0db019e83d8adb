// Runs in: benchmark (node). `npx tsx test/bench/wand.ts`: the magic wand on a synthetic photo-like
// 24-megapixel (6000 × 4000) RGB image — a noisy sky gradient over most of it, a textured ground, discs
// of other colours in the sky — and on a 1536 × 1024 preview of the same scene (what the renderer runs per
// click). Clicks: the sky (its band within tolerance, ~45 % of the image), a disc, the sky anywhere-mode.
// Min and median wall milliseconds of BENCH_RUNS runs, and median CPU milliseconds (other work may share
// this machine's cores); prints a table, asserts nothing. Single-threaded.
import os from 'node:os';
import { type WandImage, type WandOptions, area, magicWand } from '../../src-shared/masks';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function scene(W: number, H: number): WandImage {
  const d = new Uint8Array(W * H * 3),
    s = W / 6000;
  let seed = 7;
  const noise = (): number => {
    // sum of two uniforms: triangular, ±7 levels, like mild JPEG/sensor noise
    seed = (seed * 1103515245 + 12345) >>> 0;
    return ((seed >>> 16) & 7) + ((seed >>> 8) & 7) - 7;
  };
  const discs = [
    [1200, 900, 400],
    [3000, 1200, 250],
    [4800, 700, 600],
  ].map(([x, y, r]) => [x! * s, y! * s, r! * s] as const);
  for (let y = 0; y < H; y++) {
    const t = y / H;
    for (let x = 0; x < W; x++) {
      let r: number, g: number, b: number;
      if (t < 0.62) {
        r = 40 + 90 * t;
        g = 110 + 80 * t;
        b = 220 - 20 * t;
      } // sky: slow gradient
      else {
        const tex = ((x * 7) ^ (y * 13)) & 31;
        r = 90 + tex;
        g = 80 + tex;
        b = 50 + (tex >> 1);
      } // ground
      for (const [cx, cy, cr] of discs)
        if ((x - cx) ** 2 + (y - cy) ** 2 < cr * cr) {
          r = 230;
          g = 200;
          b = 60;
        }
      const o = (y * W + x) * 3;
      d[o] = Math.max(0, Math.min(255, r + noise()));
      d[o + 1] = Math.max(0, Math.min(255, g + noise()));
      d[o + 2] = Math.max(0, Math.min(255, b + noise()));
    }
  }
  return { data: d, width: W, height: H, channels: 3 };
}

function time(f: () => unknown): [number, number, number] {
  const wall: number[] = [],
    cpu: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now(),
      c0 = process.cpuUsage();
    f();
    const c = process.cpuUsage(c0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  return [sorted(wall)[0]!, sorted(wall)[Math.floor(RUNS / 2)]!, sorted(cpu)[Math.floor(RUNS / 2)]!];
}

const clicks: Array<[string, number, number, WandOptions]> = [
  ['sky, tol 32, edge-aware', 5500, 2200, { tolerance: 32, edgeAware: true, contiguous: true }],
  ['sky, tol 32, plain', 5500, 2200, { tolerance: 32, edgeAware: false, contiguous: true }],
  ['disc, tol 32, edge-aware', 4800, 700, { tolerance: 32, edgeAware: true, contiguous: true }],
  ['sky, tol 32, anywhere', 5500, 2200, { tolerance: 32, edgeAware: false, contiguous: false }],
];

console.log(`magic wand, ${os.cpus()[0]?.model ?? '?'} × ${os.cpus().length}, node ${process.version}, ${RUNS} runs`);
for (const [W, H] of [
  [6000, 4000],
  [1536, 1024],
] as const) {
  const t0 = performance.now(),
    img = scene(W, H);
  console.log(`\n${W} × ${H} (${((W * H) / 1e6).toFixed(1)} MP; scene built in ${Math.round(performance.now() - t0)} ms)`);
  console.log('click'.padEnd(28) + 'min ms'.padStart(9) + 'median ms'.padStart(11) + 'CPU ms'.padStart(9) + '  selected');
  for (const [name, x, y, opts] of clicks) {
    const seed = { x: (x * W) / 6000, y: (y * H) / 4000 };
    const [min, med, cpu] = time(() => magicWand(img, seed, opts));
    const pct = (100 * area(magicWand(img, seed, opts))) / (W * H);
    console.log(
      name.padEnd(28) + min.toFixed(0).padStart(9) + med.toFixed(0).padStart(11) + cpu.toFixed(0).padStart(9) + `  ${pct.toFixed(1)} %`,
    );
  }
}
