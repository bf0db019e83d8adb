// Runs in: vitest (node). Feather (soft edge) and smooth (blur + threshold).
import { describe, expect, it } from 'vitest';
import { area, createMask, feather, smooth } from '../../../src-shared/masks';
import { disc, iou, noise, on, rect } from './shapes';

describe('feather', () => {
  it('turns a straight edge into a monotone ramp 2·radius wide, centred on the edge', () => {
    for (const radius of [3, 10, 25]) {
      const m = rect(createMask(1200, 800), 400, 200, 500, 400); // left edge between x = 399 and 400
      const f = feather(m, radius);
      const row = f.data.subarray(400 * 1200, 401 * 1200);
      let soft = 0, falls = 0;
      for (let x = 300; x < 500; x++) {
        if (row[x + 1]! < row[x]!) falls++;
        if (row[x]! > 0 && row[x]! < 255) soft++;
      }
      expect(falls).toBe(0);
      // The support is exactly ±radius; the Gaussian-like tails round to 0 / 255 in the last few pixels.
      expect(soft).toBeGreaterThanOrEqual(Math.floor(1.75 * radius));
      expect(soft).toBeLessThanOrEqual(2 * radius);
      expect(row[399]!).toBeLessThan(128);
      expect(row[400]!).toBeGreaterThanOrEqual(128);
      expect(row[400 - radius - 1]).toBe(0);
      expect(row[400 + radius]).toBe(255);
    }
  });

  it('keeps the 50 % contour of a disc within 1 px of its edge', () => {
    const m = disc(createMask(1000, 1000), 500, 500, 300);
    const f = feather(m, 20);
    let wrong = 0, soft = 0;
    for (let y = 0; y < 1000; y++) {
      for (let x = 0; x < 1000; x++) {
        const d = Math.hypot(x + 0.5 - 500, y + 0.5 - 500);
        if (Math.abs(d - 300) > 1 && on(f, x, y) !== d < 300) wrong++;
        if (Math.abs(d - 300) < 10 && f.data[y * 1000 + x]! > 0 && f.data[y * 1000 + x]! < 255) soft++;
      }
    }
    expect(wrong).toBe(0);
    expect(soft).toBeGreaterThan(0.95 * (Math.PI * (310 ** 2 - 290 ** 2))); // the whole band is soft
  });

  it('keeps a selection touching the image border solid there', () => {
    const m = rect(createMask(300, 200), 0, 0, 150, 200);
    const f = feather(m, 12);
    expect(f.data[100 * 300]).toBe(255);
    expect(f.data[0]).toBe(255);
    expect(feather(createMask(40, 30, 255), 8).data.every((v) => v === 255)).toBe(true);
    expect(feather(m, 0).data).toEqual(m.data);
  });
});

describe('smooth', () => {
  it('removes one-pixel speckles and pinholes and keeps a large disc’s area within 2 %', () => {
    const m = disc(createMask(1200, 1000), 600, 500, 350);
    const specks = noise(1200, 1000, 0.01, 4);
    for (let i = 0; i < m.data.length; i++) if (specks.data[i]) m.data[i] = 255 - m.data[i]!;
    const s = smooth(m, 4);
    const clean = disc(createMask(1200, 1000), 600, 500, 350);
    expect(Math.abs(area(s) / area(clean) - 1)).toBeLessThan(0.02);
    expect(iou(s, clean)).toBeGreaterThan(0.99);
    expect(s.data.every((v) => v === 0 || v === 255)).toBe(true);
    let outside = 0; // no speck survives far from the disc's edge
    for (let y = 0; y < 1000; y++) for (let x = 0; x < 1200; x++) {
      if (Math.abs(Math.hypot(x + 0.5 - 600, y + 0.5 - 500) - 350) > 3 && on(s, x, y) !== on(clean, x, y)) outside++;
    }
    expect(outside).toBe(0);
  });

  it('rounds a jagged staircase edge', () => {
    const m = createMask(400, 400);
    for (let y = 0; y < 400; y++) rect(m, 0, y, 100 + 8 * Math.floor(y / 8), 1); // 8-px stairs
    const s = smooth(m, 6);
    let steps = 0; // the boundary's x per row should change by at most 1–2 px between rows
    let prev = -1;
    for (let y = 20; y < 300; y++) {
      let x = 0;
      while (on(s, x, y)) x++;
      if (prev >= 0 && Math.abs(x - prev) > 3) steps++;
      prev = x;
    }
    expect(steps).toBe(0);
  });
});
