// Runs in: vitest (node). Select-everything's filters on hand-made logits: low confidence, unstable
// (soft) masks and duplicates are dropped; the better of two overlapping masks is kept. And its cost bound:
// from the first decoder run's measured time, a grid that would run over a minute is refused before the rest.
import { expect, it } from 'vitest';
import { checkEverythingCost, gridPoints, selectInstances } from '../../../src-main/engine/segment/everything';
import type { LowResPlacement } from '../../../src-shared/masks/low-res';

const placement: LowResPlacement = {
  kind: 'stretch',
  width: 1024,
  height: 1024,
  crop: { width: 1024, height: 1024 },
  sourceRect: { x: 0, y: 0, width: 256, height: 256 },
};

/** Logits +v inside the square [x0,x1)×[y0,y1) of the 256 grid, −v outside. */
function square(x0: number, y0: number, x1: number, y1: number, v = 8): Float32Array {
  const l = new Float32Array(256 * 256).fill(-v);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) l[y * 256 + x] = v;
  return l;
}

it('spreads grid points over the image at cell centres', () => {
  expect(gridPoints(100, 50, 2)).toEqual([
    { x: 25, y: 12.5 },
    { x: 75, y: 12.5 },
    { x: 25, y: 37.5 },
    { x: 75, y: 37.5 },
  ]);
});

it('keeps confident, stable, distinct masks and drops the rest', () => {
  const p = { x: 0, y: 0 };
  const kept = selectInstances(
    [
      { point: p, logits: square(10, 10, 60, 60), score: 0.9 }, // kept
      { point: p, logits: square(11, 11, 60, 60), score: 0.8 }, // duplicate of the first, worse: dropped
      { point: p, logits: square(100, 100, 150, 150), score: 0.5 }, // not confident: dropped
      { point: p, logits: square(150, 10, 250, 90, 0.5), score: 0.95 }, // soft logits: unstable, dropped
      { point: p, logits: square(150, 150, 200, 200), score: 0.75 }, // kept
    ],
    placement,
  );
  expect(kept.map((k) => k.score)).toEqual([0.9, 0.75]);
  expect(kept[0]!.stability).toBeGreaterThan(0.99);
});

it('refuses a grid that would keep the model busy over a minute, saying how long and which grid fits', () => {
  // 32 × 32 points at 138 ms a decode (the MobileSAM decoder twin on a 2-core VM): about 2.4 minutes.
  expect(() => checkEverythingCost(32 * 32, 138)).toThrow(
    'Select Everything would run the segmentation model 1024 times, about 2 minutes on this computer; choose a grid of 20 × 20 or less, or select by clicking.',
  );
  expect(() => checkEverythingCost(32 * 32, 138)).toThrow(expect.objectContaining({ code: 'TOO_LARGE' }));
  // The default 12 × 12 at the same speed (20 s) and the largest grid on a fast decoder (1 s) go ahead.
  expect(() => checkEverythingCost(12 * 12, 138)).not.toThrow();
  expect(() => checkEverythingCost(32 * 32, 1)).not.toThrow();
});
