// Runs in: vitest (node). Resampling between preview and full resolution.
import { describe, expect, it } from 'vitest';
import { createMask, resize } from '../../../src-shared/masks';
import { disc, iou, rect } from './shapes';

describe('resize', () => {
  it('averages the exact source area when reducing', () => {
    const m = createMask(8, 4);
    rect(m, 0, 0, 1, 4); // one column of four → a quarter of each 4×4 target pixel
    const r = resize(m, 2, 1);
    expect([...r.data]).toEqual([64, 0]);
    expect([...resize(createMask(9, 7, 200), 4, 3).data].every((v) => v === 200)).toBe(true);
  });

  it('is bilinear with aligned pixel centres when enlarging', () => {
    const m = { width: 2, height: 1, data: Uint8Array.from([0, 255]) };
    expect([...resize(m, 4, 1).data]).toEqual([0, 64, 191, 255]);
    expect(resize(m, 2, 1).data).toEqual(m.data);
  });

  it('keeps a thin stroke visible at 1/8 and round-trips a shape', () => {
    const m = createMask(1600, 1200);
    rect(m, 100, 500, 1400, 2); // 2-px line
    const small = resize(m, 200, 150);
    expect(Math.max(...small.data)).toBeGreaterThan(50);
    const d = disc(createMask(2000, 1500), 1000, 700, 400);
    expect(iou(resize(resize(d, 500, 375), 2000, 1500), d)).toBeGreaterThan(0.99);
  });
});
