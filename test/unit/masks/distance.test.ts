// Runs in: vitest (node). Exact Euclidean grow / shrink and the distance transform.
import { describe, expect, it } from 'vitest';
import { area, createMask, distanceSquared, grow, shrink } from '../../../src-shared/masks';
import { disc, iou, noise, on, rect } from './shapes';

describe('distanceSquared', () => {
  it('equals brute force on a sparse random mask', () => {
    const m = noise(61, 47, 0.02, 11);
    const pts: [number, number][] = [];
    for (let i = 0; i < m.data.length; i++) if (m.data[i]! >= 128) pts.push([i % 61, Math.floor(i / 61)]);
    const d = distanceSquared(m);
    for (let i = 0; i < m.data.length; i++) {
      const x = i % 61,
        y = Math.floor(i / 61);
      const best = Math.min(...pts.map(([px, py]) => (px - x) ** 2 + (py - y) ** 2));
      if (d[i] !== best) throw new Error(`(${x}, ${y}): ${d[i]} ≠ ${best}`);
    }
    expect(distanceSquared(createMask(5, 4))[7]).toBe(Infinity);
  });
});

describe('grow / shrink', () => {
  it('grows a one-pixel dot by 10 into a round disc', () => {
    const m = createMask(64, 64);
    m.data[32 * 64 + 32] = 255;
    const g = grow(m, 10);
    expect(Math.abs(area(g) / (Math.PI * 100) - 1)).toBeLessThan(0.03);
    for (let deg = 0; deg < 360; deg++) {
      // furthest selected pixel centre along each direction
      const a = (deg * Math.PI) / 180;
      let last = 0;
      for (let t = 0; t <= 20; t += 0.05) if (on(g, Math.round(32 + t * Math.cos(a)), Math.round(32 + t * Math.sin(a)))) last = t;
      expect(Math.abs(last - 10)).toBeLessThanOrEqual(1);
    }
  });

  it('thresholds the exact distance transform, fractional radii included', () => {
    const m = noise(300, 200, 0.003, 5);
    rect(m, 0, 150, 40, 50); // touches the border
    const toSel = distanceSquared(m),
      toUnsel = distanceSquared(m, false);
    for (const r of [0, 1, 1.5, 2.9, 7, 12.25]) {
      const g = grow(m, r),
        s = shrink(m, r);
      for (let i = 0; i < m.data.length; i++) {
        if ((g.data[i] === 255) !== toSel[i]! <= r * r) throw new Error(`grow ${r} at ${i}`);
        if ((s.data[i] === 255) !== toUnsel[i]! > r * r) throw new Error(`shrink ${r} at ${i}`);
      }
    }
    expect(grow(m, -3).data).toEqual(shrink(m, 3).data);
  });

  it('grow then shrink restores a square', () => {
    const m = rect(createMask(1000, 1000), 300, 300, 400, 400);
    expect(iou(shrink(grow(m, 25), 25), m)).toBeGreaterThanOrEqual(0.98);
    expect(iou(grow(shrink(m, 25), 25), m)).toBeGreaterThanOrEqual(0.98);
  });

  it('shrink removes features thinner than 2·px and keeps thicker ones', () => {
    const px = 4;
    const m = createMask(400, 300);
    rect(m, 50, 20, 2 * px - 1, 250); // thin bar
    rect(m, 100, 20, 2 * px, 250); // exactly 2·px
    rect(m, 150, 20, 2 * px + 2, 250); // thicker bar survives as a 2-px core
    disc(m, 300, 150, 60);
    const s = shrink(m, px);
    expect([on(s, 53, 150), on(s, 103, 150), on(s, 154, 150), on(s, 155, 150), on(s, 300, 150)]).toEqual([false, false, true, true, true]);
    const core = area(s) - 2 * (250 - 2 * px); // the 10-px bar keeps a 2 × 242 core
    expect(core).toBeGreaterThan(Math.PI * 55 ** 2);
    expect(core).toBeLessThan(Math.PI * 57 ** 2);
  });

  it('does not shrink in from the image border, and an empty mask stays empty', () => {
    const full = createMask(50, 40, 255);
    expect(area(shrink(full, 5))).toBe(2000);
    expect(area(grow(createMask(50, 40), 5))).toBe(0);
    const dot = createMask(50, 40);
    dot.data[0] = 255;
    expect(area(grow(dot, Infinity))).toBe(2000);
    expect(() => grow(dot, NaN)).toThrow(RangeError);
  });

  // Speed is measured by test/bench/masks.ts (npm run bench), not asserted here.
  it('grows a 4-megapixel mask by 40 px', () => {
    const m = createMask(2000, 2000);
    for (let k = 0; k < 8; k++) disc(m, 200 + k * 220, 300 + (k % 3) * 600, 90);
    const g = grow(m, 40);
    expect(Math.abs(area(g) / area(disc(createMask(2000, 2000), 1000, 1000, 130)) / 8 - 1)).toBeLessThan(0.02);
  });
});
