// Runs in: test tooling. The flows benchmark's arithmetic: percentiles of latencies, step and decode times
// read off the jobs bar's status line as a generation reports it, and the extrapolated total of a
// generation that was cancelled after a few steps.
import { describe, expect, it } from 'vitest';
import {
  coresBusy,
  decodeFromStep,
  extrapolateTotal,
  percentile,
  preludeMs,
  stepTimes,
  summarize,
  type StatusChange,
} from '../../bench/flows/flow-stats';

describe('percentiles', () => {
  it('nearest rank: p50 and p95 of 20 click latencies', () => {
    const ms = Array.from({ length: 20 }, (_, i) => (i + 1) * 10).reverse();
    expect(percentile(ms, 0.5)).toBe(100);
    expect(percentile(ms, 0.95)).toBe(190);
    expect(percentile(ms, 1)).toBe(200);
    expect(percentile([42], 0.95)).toBe(42);
    expect(percentile([], 0.5)).toBeNaN();
    expect(summarize([30, 10, 20])).toEqual({ n: 3, p50: 20, p95: 30, max: 30 });
    expect(summarize([])).toBeNull();
  });
});

describe('step times from the status line', () => {
  // Two variants of 3 steps: steps take 1 s, each decode 2.5 s; time-left refreshes repeat a step's line.
  const log: StatusChange[] = [
    [0, 'Starting'],
    [4000, 'Variant 1/2: step 1/3 · about 12 s left'],
    [4500, 'Variant 1/2: step 1/3 · about 11 s left'],
    [5000, 'Variant 1/2: step 2/3'],
    [6000, 'Variant 1/2: step 3/3'],
    [8500, 'Variant 1/2: decoding'],
    [9500, 'Variant 2/2: step 1/3'],
    [10500, 'Variant 2/2: step 2/3'],
    [11500, 'Variant 2/2: step 3/3 · almost done'],
    [14000, 'Variant 2/2: decoding'],
    [14100, null],
  ];

  it('counts each step once, leaves step 1 of a variant out, and finds each decode', () => {
    const t = stepTimes(log);
    expect(t.stepDoneAt).toEqual([4000, 5000, 6000, 9500, 10500, 11500]);
    expect(t.stepMs).toEqual([1000, 1000, 1000, 1000]);
    expect(t.decodedAt).toEqual([8500, 14000]);
    expect(t.decodeMs).toEqual([2500, 2500]);
  });

  it('steps reported in one repaint share the interval', () => {
    const t = stepTimes([
      [0, 'Variant 1/1: step 1/10'],
      [900, 'Variant 1/1: step 2/10'],
      [3900, 'Variant 1/1: step 5/10'],
    ]);
    expect(t.stepMs).toEqual([900, 1000]);
  });

  it("a variant's first step after a decode report the throttle dropped is not a step interval", () => {
    const t = stepTimes([
      [0, 'Variant 1/2: step 1/2'],
      [1000, 'Variant 1/2: step 2/2'],
      [5000, 'Variant 2/2: step 1/2'],
      [6000, 'Variant 2/2: step 2/2'],
    ]);
    expect(t.stepMs).toEqual([1000, 1000]);
    expect(t.decodeMs).toEqual([]);
  });

  it('the extrapolated total of the same run matches what it took, and scales to 3 × 25 steps', () => {
    const t = stepTimes(log);
    const step = percentile(t.stepMs, 0.5);
    const prelude = preludeMs(0, t.stepDoneAt[0]!, step);
    expect(prelude).toBe(3000);
    const model = { preludeMs: prelude, stepMs: step, decodeMs: percentile(t.decodeMs, 0.5), finishMs: 100, variants: 2, steps: 3 };
    expect(extrapolateTotal(model)).toBe(14100);
    expect(extrapolateTotal({ ...model, variants: 3, steps: 25 })).toBe(3000 + 3 * (25_000 + 2500) + 100);
  });

  it('a decode never measured is scaled from the step by their MACs; CPU in cores', () => {
    expect(decodeFromStep(30_000, 1257, 803)).toBeCloseTo(46_961, 0);
    expect(coresBusy(1000, 4000, 2000)).toBe(1.5);
    expect(coresBusy(0, 10, 0)).toBe(0);
  });
});
