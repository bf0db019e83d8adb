// Runs in: vitest (node). Time left in `anyfill run` with SD (issue 17): ten images, each a generation of
// about 5 minutes on a 2-core CPU (±10 %), the first also loading the models (20 s), each in three phases
// (find, segment, generate: 4 %, 2 %, 94 % of its time), resumed after Ctrl+C: the two images the first run
// finished (first in name order) are skipped at no cost. From 20 % of the batch on, every time left shown is within ±25 % of the truth.
import { describe, expect, it } from 'vitest';
import { batchTimeLeft, leftWords, type BatchPace } from '../../../src-main/batch/time-left';

describe('time left in a batch', () => {
  it('within ±25 % from 20 % of the batch on, skipped images costing nothing', () => {
    let seed = 5;
    const noise = () => 0.9 + 0.2 * ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
    // A resumed batch (run again after Ctrl+C): the images finished before come first in name order.
    const skipped = new Set([0, 1]);
    // Each phase event: when it is shown and how many images are left (the current one included).
    const shown: Array<{ t: number; left: number | undefined }> = [];
    let t = 0;
    let pace: BatchPace | undefined;
    for (let i = 0; i < 10; i++) {
      if (skipped.has(i)) continue; // finished before: no phases, no time
      const cost = 300_000 * noise() + (pace ? 0 : 20_000);
      const start = t;
      for (const share of [0, 0.04, 0.06]) {
        t = start + cost * share;
        pace ??= { firstStart: t, lastEnd: t, processed: 0 };
        // As the CLI counts them: every image from this one on (it cannot know which will be skipped).
        shown.push({ t, left: batchTimeLeft(pace, 10 - i, t) });
      }
      t = start + cost;
      pace = { ...pace!, lastEnd: t, processed: pace!.processed + 1 };
    }
    const end = t;
    const late = shown.filter((s) => s.t >= 0.2 * end);
    expect(late.length).toBeGreaterThan(10);
    const off = late.filter((s) => s.left === undefined || Math.abs(s.left - (end - s.t)) > 0.25 * (end - s.t));
    expect(off.map((s) => `${Math.round(s.t / 1000)} s: said ${s.left === undefined ? '—' : Math.round(s.left / 1000)} s, was ${Math.round((end - s.t) / 1000)} s`)).toEqual([]);
    expect([leftWords(40_000), leftWords(720_000)]).toEqual(['about 40 s left', 'about 12 min left']);
  });
});
