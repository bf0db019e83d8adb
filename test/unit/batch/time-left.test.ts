// Runs in: vitest (node). Time left in `anyfill run` with SD (issue 17): ten images, each a generation of
// about 5 minutes on a 2-core CPU (±10 %), the first also loading the models (20 s), each in three phases
// (find, segment, generate: 4 %, 2 %, 94 % of its time), resumed after Ctrl+C: the two images the first run
// finished (first in name order) are skipped at no cost. From 20 % of the batch on, every time left shown is
// within ±25 % of the truth. And the real command's terminal line shows it once an image has been measured.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchTimeLeft, leftWords, type BatchPace } from '../../../src-main/batch/time-left';
import { runRun } from '../../../src-main/cli/run-command';
import { makeFolder, setup } from './fixtures';

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
    expect(
      off.map(
        (s) =>
          `${Math.round(s.t / 1000)} s: said ${s.left === undefined ? '—' : Math.round(s.left / 1000)} s, was ${Math.round((end - s.t) / 1000)} s`,
      ),
    ).toEqual([]);
    expect([leftWords(40_000), leftWords(720_000)]).toEqual(['about 40 s left', 'about 12 min left']);
  });

  it("a terminal's progress line says it from the second image on (stand-ins, SD removal)", async () => {
    const env = await setup(['gdino-tiny', 'mobilesam', 'sd15-inpaint']);
    try {
      const images = await makeFolder(env.root, false);
      await rm(path.join(images, 'c-corrupt.png'));
      const err: string[] = [];
      const args = [
        '--images',
        images,
        '--select',
        'red',
        '--models',
        env.models,
        '--out',
        path.join(env.root, 'out'),
        '--action',
        'remove',
        '--steps',
        '3',
        '--size',
        '128',
      ];
      const code = await runRun(args, {
        tty: true,
        stdout: { write: () => undefined },
        stderr: { write: (t: string) => void err.push(t) },
      });
      expect(code, err.join('')).toBe(0);
      const lines = err.join('').split(/\r|\n/);
      expect(lines.filter((l) => l.startsWith('[1/2]') && l.includes('left)'))).toEqual([]);
      expect(lines.some((l) => /^\[2\/2\] b-red\.png: .*… \(about \d+ s left\)/.test(l))).toBe(true);
    } finally {
      await env.cleanup();
    }
  }, 60_000);
});
