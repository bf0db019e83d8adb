// Runs in: vitest (node). How the estimate reads under Generate: "About 6 min on this CPU", marked rough
// until the pack has run here; the offers say what they change and how long they take.
import { describe, expect, it } from 'vitest';
import { duration, estimateWords, offerWords } from '../../../src-renderer/jobs/estimate-words';

const settings = { variants: 1, steps: 12, guidance: 7.5, strength: 1, scheduler: 'dpmpp-2m-karras' as const };

describe('estimate words', () => {
  it('seconds under 90 s, minutes under 90 min, then hours', () => {
    expect([duration(400), duration(42_000), duration(360_000), duration(6_000_000)]).toEqual([
      'about 1 s',
      'about 42 s',
      'about 6 min',
      'about 1 h 40 min',
    ]);
  });

  it('names the device and says rough until calibrated', () => {
    expect(estimateWords({ totalMs: 360_000, device: 'cpu', calibrated: true })).toBe('About 6 min on this CPU');
    expect(estimateWords({ totalMs: 20_000, device: 'cuda', calibrated: false })).toBe(
      'About 20 s on the GPU (CUDA) (rough: measured after the first run)',
    );
    expect(offerWords({ label: '1 variant, 12 steps', settings, totalMs: 61_000, calibrated: true })).toBe(
      'Faster: 1 variant, 12 steps (about 61 s)',
    );
    expect(offerWords({ label: '1 variant, 12 steps', settings, totalMs: 95_000, calibrated: false })).toBe(
      'Faster: 1 variant, 12 steps (about 2 min, rough)',
    );
  });
});
