// Runs in: vitest (node). Honest time left (issue 16 #8) on jobs whose parts cost very different amounts:
// a PatchMatch-shaped job (5 levels, a step 4× the cost of the coarser level's, as measured on photos,
// plus 3 ms of overhead and ±15 % noise each; 12 s in all) after 4 s of loading, timed by a fake clock
// through the real job queue and the jobs bar's words. From 20 % of the work on, every estimate is
// within ±25 % of the real time left, and "almost done" never appears before the last level. (Before:
// the pace counted the loading, 'about 900 s left'.) The real PatchMatch reports this way.
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../../src-shared/contract/job-payloads';
import { newJobId } from '../../../src-shared/document/ids';
import type { EngineContext } from '../../../src-main/engine/engine-context';
import { fillSync } from '../../../src-main/engine/fill/fill';
import type { FillProgress } from '../../../src-main/engine/fill/types';
import { JobQueue } from '../../../src-main/engine/jobs/job-queue';
import { WeightedSteps } from '../../../src-main/engine/jobs/weighted-steps';
import { timeLeft } from '../../../src-renderer/jobs/time-left';
import { blobMask } from '../../helpers/fill-metrics';
import { noiseTexture } from '../fill/fixtures';

const LEVEL_STEPS = [25, 13, 13, 13, 19]; // PatchMatch's steps per level, coarsest first
const SETUP_MS = 4000;

/** Runs the simulated job; returns every progress event with the fake time it was sent at, and when the work began and ended. */
async function simulate(seed: number): Promise<{ events: Array<JobProgress & { t: number }>; started: number; ended: number }> {
  let now = 1000;
  let s = seed;
  const noise = () => 0.85 + 0.3 * ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  const events: Array<JobProgress & { t: number }> = [];
  const ctx = {
    emit: (name: string, p: unknown) => name === 'job.progress' && events.push({ ...(p as JobProgress), t: now }),
  } as unknown as EngineContext;
  const parts = LEVEL_STEPS.map((steps, k) => ({ steps, costPerStep: 1000 * 4 ** k }));
  const started = now;
  await new JobQueue(() => now).run(ctx, newJobId(), 'fill', async (job) => {
    job.report(0, 1, 'Loading the model');
    now += SETUP_MS;
    const progress = new WeightedSteps(parts);
    for (const [k, part] of parts.entries())
      for (let i = 0; i < part.steps; i++) {
        now += (2 * 4 ** k + 3) * noise(); // what a step really takes: 5 ms … 0.5 s
        const p = progress.step(k);
        job.report(p.done, p.total, `level ${k + 1} of 5`, p.last);
      }
  });
  return { events: events.filter((e) => e.state === 'running'), started: started + SETUP_MS, ended: now };
}

describe('time left on a job with uneven parts', () => {
  for (const seed of [1, 2, 3])
    it(`stays within ±25 % after 20 % of the work and says "almost done" only in the last part (seed ${seed})`, async () => {
      const { events, started, ended } = await simulate(seed);
      const late = events.filter((e) => e.t - started >= 0.2 * (ended - started) && e.done < e.total);
      expect(late.length).toBeGreaterThan(10);
      const off = late.filter((e) => e.etaMs === undefined || Math.abs(e.etaMs - (ended - e.t)) > 0.25 * (ended - e.t) + 100);
      expect(off.map((e) => `${e.t - started} ms: ${e.etaMs} vs ${ended - e.t}`)).toEqual([]);
      for (const e of events) {
        if (timeLeft(e.etaMs, e.lastPart) === 'almost done') expect(e.phase).toBe('level 5 of 5');
      }
      expect(events.some((e) => e.lastPart && timeLeft(e.etaMs, e.lastPart) === 'almost done')).toBe(true);
    });

  it('the words: "almost done" only in the last part, whole seconds otherwise', () => {
    expect([timeLeft(900, true), timeLeft(900, false), timeLeft(undefined, true), timeLeft(88_000), timeLeft(200_000)]).toEqual([
      'almost done',
      'about 1 s left',
      '',
      'about 88 s left',
      'about 3 min left',
    ]);
  });

  it('PatchMatch reports its levels weighted by their hole pixels, the last level marked as such', () => {
    const [W, H] = [320, 240];
    const seen: FillProgress[] = [];
    fillSync(
      { image: noiseTexture(W, H, 3), mask: blobMask(W, H, 160, 120, 40), method: 'patchmatch', seed: 2 },
      { onProgress: (p) => seen.push(p) },
    );
    const levels = [...new Set(seen.map((p) => p.phase))];
    expect(levels.length).toBeGreaterThan(1);
    const last = seen.filter((p) => p.phase === levels.at(-1));
    expect(seen.filter((p) => p.last)).toEqual(last);
    expect(seen.at(-1)!.done).toBe(seen.at(-1)!.total);
    // The finest level's share of the units is its share of the work (its hole pixels × its sweeps), well above
    // its share of the steps: since the full-resolution level only sweeps locally it is no longer most of the job.
    const lastShare = (last.at(-1)!.done - seen[seen.length - last.length - 1]!.done) / seen.at(-1)!.total;
    const stepShare = last.length / seen.length;
    expect(lastShare).toBeGreaterThan(2 * stepShare);
  });
});
