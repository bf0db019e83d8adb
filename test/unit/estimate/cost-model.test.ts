// Runs in: vitest (node). The estimate's arithmetic (issue 17): the calls a generation makes (variants ×
// steps × 2 rows with guidance, VAE encodes and decodes, one text encoder run, per window for outpaint),
// what a finished run teaches (steady UNet time without the fresh session's slow first call, the warm-up
// and the load only from a run that opened the pack, the rest of the job per result), and the faster
// offers (only when long; LCM only where an installed pack supports it).
import { describe, expect, it } from 'vitest';
import { calibrate } from '../../../src-main/engine/estimate/calibrate';
import { keepFaster, LONG_MS, offerDrafts } from '../../../src-main/engine/estimate/offers';
import { estimateParts, sdCalls, totalMs, type SdSpeed } from '../../../src-main/engine/estimate/sd-cost';

const DEFAULTS = { variants: 3, steps: 25, guidance: 7.5, strength: 1, scheduler: 'dpmpp-2m-karras' as const };
const SPEED: SdSpeed = {
  textMs: 250,
  encodeMs: 13_000,
  unetMs: { '2': 24_000 },
  decodeMs: 28_000,
  loadMs: 20_000,
  firstExtraRatio: 1,
  otherMs: 500,
};

describe('what a generation costs', () => {
  it('counts the calls: variants × steps UNet evaluations of 2 rows with guidance, a decode per variant', () => {
    expect(sdCalls(DEFAULTS)).toEqual({ runs: 1, text: 1, encode: 1, unet: 75, rows: 2, decode: 3, results: 3 });
    expect(sdCalls({ ...DEFAULTS, variants: 1, guidance: 1, steps: 4, scheduler: 'lcm' })).toMatchObject({ unet: 4, rows: 1, decode: 1 });
    // strength 0.6 encodes the image too and skips the first 40 % of the schedule
    expect(sdCalls({ ...DEFAULTS, strength: 0.6 })).toMatchObject({ encode: 2, unet: 45 });
    expect(sdCalls({ ...DEFAULTS, steps: 20 }, 4)).toEqual({ runs: 4, text: 4, encode: 4, unet: 80, rows: 2, decode: 4, results: 4 });
  });

  it('adds the load and the first call warm-up only when the pack is not loaded; scales 1 row from 2', () => {
    const warm = estimateParts(sdCalls(DEFAULTS), SPEED, true);
    expect(warm).toEqual({ loadMs: 0, textMs: 250, encodeMs: 13_000, denoiseMs: 75 * 24_000, decodeMs: 84_000, otherMs: 1500 });
    // The warm-up is counted in one-row evaluations (on CPU the guided pair runs as two runs; the first warms up).
    expect(totalMs(estimateParts(sdCalls(DEFAULTS), SPEED, false)) - totalMs(warm)).toBe(20_000 + 12_000);
    expect(estimateParts(sdCalls({ ...DEFAULTS, guidance: 1 }), SPEED, true).denoiseMs).toBe(75 * 12_000);
  });

  it('a finished run: steady UNet without its slow first call, warm-up and load from a cold run, the rest per result', () => {
    const calls = sdCalls({ ...DEFAULTS, variants: 2, steps: 10 });
    const timings = {
      textMs: 300,
      encodeMs: 12_000,
      unetMs: 48_000 + 19 * 20_000,
      unetFirstMs: 48_000,
      unetCalls: 20,
      decodeMs: 2 * 30_000,
    };
    const model = 300 + 12_000 + 48_000 + 19 * 20_000 + 60_000;
    const cold = calibrate(undefined, { calls, timings, openMs: 15_000, totalMs: 15_000 + model + 2000 }, { loadMs: 1 });
    expect(cold).toEqual({
      textMs: 300,
      encodeMs: 12_000,
      unetMs: { '2': 20_000 },
      decodeMs: 30_000,
      loadMs: 15_000,
      firstExtraRatio: (48_000 / 20_000 - 1) * 2, // in one-row evaluations
      otherMs: 1000,
    });
    // Its estimate for the same settings, cold, is the run's own time.
    expect(totalMs(estimateParts(calls, cold, false))).toBeCloseTo(15_000 + model + 2000, 6);
    // A warm run keeps the load and warm-up, and averages the per-call figures with the ones before.
    const warm = calibrate(
      cold,
      { calls, timings: { ...timings, unetMs: 20 * 30_000, unetFirstMs: 30_000 }, openMs: 0, totalMs: 0 },
      { loadMs: 1 },
    );
    expect(warm).toMatchObject({ unetMs: { '2': 25_000 }, loadMs: 15_000, firstExtraRatio: cold.firstExtraRatio, otherMs: 500 });
  });
});

describe('faster offers', () => {
  it('when long: one variant, then one variant at half the steps (never under 10); LCM only with a pack that has it', () => {
    const drafts = offerDrafts(DEFAULTS, [], false);
    expect(drafts.map((d) => d.label)).toEqual(['1 variant', '1 variant, 13 steps']);
    expect(drafts[1]!.settings).toEqual({ ...DEFAULTS, variants: 1, steps: 13 });
    const lcm = offerDrafts({ ...DEFAULTS, packId: 'sd15-inpaint' }, ['sd15-lcm-inpaint'], false).at(-1)!;
    // The LCM UNet takes its guidance as an embedding (one row per step): the card's 8, not "no guidance".
    expect(lcm).toEqual({
      label: '1 variant, LCM, 4 steps (sd15-lcm-inpaint)',
      settings: { ...DEFAULTS, variants: 1, steps: 4, guidance: 8, scheduler: 'lcm', packId: 'sd15-lcm-inpaint' },
    });
    expect(sdCalls({ ...lcm.settings, lcm: true })).toMatchObject({ unet: 4, rows: 1, encode: 1 });
    expect(sdCalls({ ...DEFAULTS, steps: 25, lcm: true })).toMatchObject({ unet: 3 * 4, rows: 1 }); // an LCM pack runs its 4 whatever is asked
    expect(offerDrafts({ ...DEFAULTS, steps: 12 }, [], true).map((d) => d.label)).toEqual(['10 steps']); // outpaint: no variants
    expect(offerDrafts({ ...DEFAULTS, variants: 1, steps: 10 }, [], false)).toEqual([]);
  });

  it('only when the estimate is over a minute, and only offers that save a fifth, slowest first', () => {
    const offers = [{ totalMs: 100_000 }, { totalMs: 30_000 }, { totalMs: 90_000 }];
    expect(keepFaster(LONG_MS, offers)).toEqual([]);
    expect(keepFaster(120_000, offers)).toEqual([{ totalMs: 90_000 }, { totalMs: 30_000 }]);
  });
});
