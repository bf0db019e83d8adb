// Runs in: benchmark (node). `npx tsx test/bench/masks.ts`: every mask operation on a 24-megapixel
// (6000 × 4000) selection with a few shapes (median of 3 runs), then brush frame times: one 64-px-radius
// stroke segment per frame, 200 frames. Prints a table; asserts nothing. Single-threaded, like the engine.
import os from 'node:os';
import {
  type Mask, area, bbox, createMask, distanceSquared, feather, fillHoles, grow, intersect, invert, rasterizeStrokes,
  removeIslands, resize, shrink, smooth, strokeBrush, subtract, threshold, union,
} from '../../src-shared/masks';

const W = 6000, H = 4000, RUNS = Number(process.env.BENCH_RUNS ?? 3);

function shapes(): Mask {
  const m = createMask(W, H);
  const disc = (cx: number, cy: number, r: number, v: number) => {
    for (let y = Math.max(0, cy - r); y < Math.min(H, cy + r); y++) {
      const s = Math.sqrt(Math.max(0, r * r - (y + 0.5 - cy) ** 2));
      m.data.fill(v, y * W + Math.max(0, Math.round(cx - s)), y * W + Math.min(W, Math.round(cx + s)));
    }
  };
  disc(1500, 1500, 1100, 255); disc(1500, 1500, 500, 0); // a ring with a hole
  for (let y = 2600; y < 3800; y++) m.data.fill(255, y * W + 300, y * W + 5700); // a wide bar
  disc(4300, 1200, 900, 255);
  let seed = 1; // specks and pinholes: islands and holes to clean
  for (let k = 0; k < 20000; k++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const i = seed % (W * H);
    m.data[i] = 255 - m.data[i]!;
  }
  return m;
}

function median(f: () => unknown): number {
  const t: number[] = [];
  for (let k = 0; k < RUNS; k++) { const t0 = performance.now(); f(); t.push(performance.now() - t0); }
  return t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!;
}

const m = shapes(), other = invert(m);
const strokes = [{ radius: 64, hardness: 0.5, mode: 'add' as const, points: Array.from({ length: 200 }, (_, k) => ({ x: 500 + k * 25, y: 2000 + 800 * Math.sin(k / 20) })) }];
const rows: [string, number][] = [
  ['threshold', median(() => threshold(m))],
  ['invert', median(() => invert(m))],
  ['union', median(() => union(m, other))],
  ['intersect', median(() => intersect(m, other))],
  ['subtract', median(() => subtract(m, other))],
  ['bbox', median(() => bbox(m))],
  ['area', median(() => area(m))],
  ['fillHoles', median(() => fillHoles(m))],
  ['removeIslands(500)', median(() => removeIslands(m, 500))],
  ['grow(20)', median(() => grow(m, 20))],
  ['grow(200)', median(() => grow(m, 200))],
  ['shrink(20)', median(() => shrink(m, 20))],
  ['distanceSquared', median(() => distanceSquared(m))],
  ['feather(20)', median(() => feather(m, 20))],
  ['feather(100)', median(() => feather(m, 100))],
  ['smooth(8)', median(() => smooth(m, 8))],
  ['resize → 1500×1000', median(() => resize(m, 1500, 1000))],
  ['resize 1500×1000 → 24 MP', median(() => resize(resize(m, 1500, 1000), W, H))],
  ['rasterizeStrokes (200 pts, r 64)', median(() => rasterizeStrokes(W, H, strokes))],
];

// Brush: each frame paints the segment from the previous pointer position to the next (r 64, ~40 px).
const frames: number[] = [];
const canvas = createMask(W, H);
for (let f = 0, x = 800, y = 2000; f < 200; f++) {
  const nx = x + 40, ny = 2000 + 600 * Math.sin(f / 15);
  const t0 = performance.now();
  strokeBrush(canvas, [{ x, y }, { x: nx, y: ny }], { radius: 64, hardness: f % 2 ? 1 : 0.5, mode: 'add' });
  frames.push(performance.now() - t0);
  x = nx; y = ny;
}
frames.sort((a, b) => a - b);
const pct = (p: number) => frames[Math.min(frames.length - 1, Math.floor(p * frames.length))]!;

console.log(`Mask operations on ${W}×${H} (${(W * H / 1e6).toFixed(0)} MP), median of ${RUNS}; ${os.cpus()[0]?.model ?? '?'}, ${os.cpus().length} cores, Node ${process.version}`);
console.log('| operation | ms |\n|---|---:|');
for (const [name, ms] of rows) console.log(`| ${name} | ${ms.toFixed(1)} |`);
console.log(`| brush frame (r 64, 40-px segment) p50 / p95 / max | ${pct(0.5).toFixed(2)} / ${pct(0.95).toFixed(2)} / ${frames[frames.length - 1]!.toFixed(2)} |`);
