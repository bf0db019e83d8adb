// Runs in: vitest (node). [Note: cost limits] The hostile selection.mask of issue 15 (one stroke, 20,000
// points, radius 2000, on a 12 MP image) is refused as too large at once instead of hanging the engine;
// an ordinary brushed selection on the same image still gets its mask.
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newLayerId } from '../../../src-shared/document/ids';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import { MAX_REPLAY_VISITS, replayVisits } from '../../../src-shared/selection/replay-cost';
import { hardenSharp } from '../../../src-main/engine/handlers';
import { makeSession, type TestSession } from '../../helpers/images';
import { handlers, openBytes } from '../project/fixtures';

const W = 4000;
const H = 3000;
let s: TestSession;
let assetId: SelectionLayer['assetId'];

const layer = (strokes: SelectionLayer['strokes']): SelectionLayer => ({
  id: newLayerId(),
  kind: 'selection',
  name: 'Brushed',
  visible: true,
  colour: '#33aaff',
  assetId,
  prompt: { points: [] },
  sam: null,
  strokes,
  ops: [],
});
const zigzag = (n: number, step: number) =>
  Array.from({ length: n }, (_, i) => ({ x: 200 + ((i * step) % 3600), y: 200 + Math.floor((i * step) / 3600) * 40 }));

beforeAll(async () => {
  hardenSharp();
  s = await makeSession();
  const png = await sharp({ create: { width: W, height: H, channels: 3, background: { r: 90, g: 130, b: 210 } } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  assetId = (await openBytes(s, png)).id;
}, 60_000);
afterAll(() => s.cleanup());

it('refuses the 20,000-point, radius-2000 stroke on 12 MP as too large within a second', async () => {
  const hostile = layer([{ mode: 'add', radius: 2000, hardness: 0.5, points: zigzag(20_000, 7) }]);
  expect(JSON.stringify(hostile).length).toBeGreaterThan(300_000);
  const t0 = performance.now();
  const err = await handlers['selection.mask']({ selection: hostile }, s.ctx).then(
    () => null,
    (e: { code: string; message: string }) => e,
  );
  expect(performance.now() - t0).toBeLessThan(1000);
  expect(err?.code).toBe('TOO_LARGE');
  expect(err?.message).toMatch(/^“Brushed” is too large to compute at 4000 × 3000: .* Undo some strokes or use a smaller brush\.$/);
});

it('still computes an ordinary brushed selection on the same image', async () => {
  const ordinary = layer([{ mode: 'add', radius: 50, hardness: 0.8, points: zigzag(2000, 3) }]);
  expect(replayVisits(ordinary, W, H)).toBeLessThan(MAX_REPLAY_VISITS / 10);
  const res = await handlers['selection.mask']({ selection: ordinary }, s.ctx);
  expect(res.area).toBeGreaterThan(300_000); // a band 100 px wide along 6,000 px of zigzag, rows overlapping
}, 60_000);

it('keeps the engine’s main thread free while a large allowed selection is computed', async () => {
  // ~3 × 10⁸ visits: under the limit, seconds of painting; done in a worker thread.
  const heavy = layer([{ mode: 'add', radius: 400, hardness: 0.5, points: zigzag(600, 9) }]);
  const visits = replayVisits(heavy, W, H);
  expect(visits).toBeGreaterThan(MAX_REPLAY_VISITS / 2);
  expect(visits).toBeLessThan(MAX_REPLAY_VISITS);
  let longestGap = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 20);
  try {
    const res = await handlers['selection.mask']({ selection: heavy }, s.ctx);
    expect(res.area).toBeGreaterThan(1_000_000);
  } finally {
    clearInterval(tick);
  }
  expect(longestGap).toBeLessThan(1000);
}, 120_000);
