// Runs in: vitest (node). Select-everything's filters on hand-made logits: low confidence, unstable
// (soft) masks and duplicates are dropped; the better of two overlapping masks is kept.
import { expect, it } from 'vitest';
import { gridPoints, selectInstances } from '../../../src-main/engine/segment/everything';
import type { LowResPlacement } from '../../../src-shared/masks/low-res';

const placement: LowResPlacement = { kind: 'stretch', width: 1024, height: 1024, crop: { width: 1024, height: 1024 }, sourceRect: { x: 0, y: 0, width: 256, height: 256 } };

/** Logits +v inside the square [x0,x1)×[y0,y1) of the 256 grid, −v outside. */
function square(x0: number, y0: number, x1: number, y1: number, v = 8): Float32Array {
  const l = new Float32Array(256 * 256).fill(-v);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) l[y * 256 + x] = v;
  return l;
}

it('spreads grid points over the image at cell centres', () => {
  expect(gridPoints(100, 50, 2)).toEqual([{ x: 25, y: 12.5 }, { x: 75, y: 12.5 }, { x: 25, y: 37.5 }, { x: 75, y: 37.5 }]);
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
