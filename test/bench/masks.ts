// Runs in: benchmark (node). `npx tsx test/bench/masks.ts`: every mask operation on a 24-megapixel
// (6000 × 4000) selection with a few shapes, median of 3 runs, and on a 1920 × 1280 preview of the same
// scene (what the renderer recomputes for live preview); then brush frame times on the 24 MP mask: one
// 64-px-radius stroke segment per frame, 200 frames. Prints a table; asserts nothing. Single-threaded.
// CPU time is shown beside wall time because other work may share this machine's cores.
import os from 'node:os';
import {
  type Mask,
  area,
  bbox,
  createMask,
  distanceSquared,
  feather,
  fillHoles,
  grow,
  intersect,
  invert,
  rasterizeStrokes,
  removeIslands,
  resize,
  shrink,
  smooth,
  strokeBrush,
  subtract,
  threshold,
  union,
} from '../../src-shared/masks';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** A ring with a hole, a wide bar, a disc, and 20 000 flipped pixels (specks and pinholes) per 24 MP. */
function scene(W: number, H: number): Mask {
  const m = createMask(W, H),
    s = W / 6000;
  const disc = (cx: number, cy: number, r: number, v: number) => {
    for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(H, cy + r); y++) {
      const half = Math.sqrt(Math.max(0, r * r - (y + 0.5 - cy) ** 2));
      m.data.fill(v, y * W + Math.max(0, Math.round(cx - half)), y * W + Math.min(W, Math.round(cx + half)));
    }
  };
  disc(1500 * s, 1500 * s, 1100 * s, 255);
  disc(1500 * s, 1500 * s, 500 * s, 0);
  for (let y = Math.round(2600 * s); y < 3800 * s; y++) m.data.fill(255, y * W + Math.round(300 * s), y * W + Math.round(5700 * s));
  disc(4300 * s, 1200 * s, 900 * s, 255);
  let seed = 1;
  for (let k = 0; k < (20000 * W * H) / 24e6; k++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const i = seed % (W * H);
    m.data[i] = 255 - m.data[i]!;
  }
  return m;
}

/** Median wall and CPU milliseconds of RUNS calls. */
function time(f: () => unknown): [number, number] {
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
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return [med(wall), med(cpu)];
}

type Op = [string, (m: Mask, other: Mask) => unknown];
const ops: Op[] = [
  ['threshold', (m) => threshold(m)],
  ['invert', (m) => invert(m)],
  ['union', (m, o) => union(m, o)],
  ['intersect', (m, o) => intersect(m, o)],
  ['subtract', (m, o) => subtract(m, o)],
  ['bbox', (m) => bbox(m)],
  ['area', (m) => area(m)],
  ['fillHoles', (m) => fillHoles(m)],
  ['removeIslands(500 px)', (m) => removeIslands(m, 500)],
  ['grow(20)', (m) => grow(m, 20)],
  ['grow(200)', (m) => grow(m, 200)],
  ['shrink(20)', (m) => shrink(m, 20)],
  ['distanceSquared', (m) => distanceSquared(m)],
  ['feather(20)', (m) => feather(m, 20)],
  ['feather(100)', (m) => feather(m, 100)],
  ['smooth(8)', (m) => smooth(m, 8)],
  ['resize to 1/4 (area)', (m) => resize(m, m.width >> 2, m.height >> 2)],
  ['resize ×4 (bilinear)', (m) => resize(m, m.width * 4, m.height * 4)],
];

const big = scene(6000, 4000),
  bigOther = invert(big);
const preview = scene(1920, 1280),
  previewOther = invert(preview);
const quarter = resize(big, 1500, 1000);
const strokes = [
  {
    radius: 64,
    hardness: 0.5,
    mode: 'add' as const,
    points: Array.from({ length: 200 }, (_, k) => ({ x: 500 + k * 25, y: 2000 + 800 * Math.sin(k / 20) })),
  },
];

const rows: string[] = [];
for (const [name, f] of ops) {
  // "×4" starts from a quarter-size mask so both columns produce the listed size.
  const [w, c] = name.startsWith('resize ×4') ? time(() => f(quarter, quarter)) : time(() => f(big, bigOther));
  const [pw] = name.startsWith('resize ×4') ? time(() => f(resize(preview, 480, 320), preview)) : time(() => f(preview, previewOther));
  rows.push(`| ${name} | ${w.toFixed(0)} | ${c.toFixed(0)} | ${pw.toFixed(1)} |`);
}
const [rw, rc] = time(() => rasterizeStrokes(6000, 4000, strokes));
const [rp] = time(() => rasterizeStrokes(1920, 1280, strokes, 0.32));
rows.push(`| rasterizeStrokes (200 points, r 64) | ${rw.toFixed(0)} | ${rc.toFixed(0)} | ${rp.toFixed(1)} |`);

// Brush: each frame paints the segment from the previous pointer position to the next (~40 px apart).
const frames: number[] = [];
const canvas = createMask(6000, 4000);
for (let f = 0, x = 800, y = 2000; f < 200; f++) {
  const nx = x + 24,
    ny = 2000 + 600 * Math.sin(f / 15);
  const t0 = performance.now();
  strokeBrush(
    canvas,
    [
      { x, y },
      { x: nx, y: ny },
    ],
    { radius: 64, hardness: f % 2 ? 1 : 0.5, mode: f % 10 === 9 ? 'erase' : 'add' },
  );
  frames.push(performance.now() - t0);
  x = nx;
  y = ny;
}
frames.sort((a, b) => a - b);
const pct = (p: number) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))]!.toFixed(2);

const cpu = os.cpus();
console.log(`Masks: ${cpu[0]?.model ?? '?'} (${cpu.length} cores), Node ${process.version}, median of ${RUNS}, one thread`);
console.log('| operation | 24 MP wall ms | 24 MP CPU ms | 2.5 MP preview ms |\n|---|---:|---:|---:|');
for (const row of rows) console.log(row);
console.log(
  `\nBrush on 24 MP, r 64, one segment per frame, 200 frames: p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${frames[frames.length - 1]!.toFixed(2)} ms, over 16.7 ms: ${frames.filter((t) => t > 16.7).length}`,
);
