// Runs in: vitest (node). Feather (soft edge) and smooth (blur + threshold).
import { describe, expect, it } from 'vitest';
import { area, createMask, feather, smooth } from '../../../src-shared/masks';
import { boxRadii } from '../../../src-shared/masks/box-blur';
import { type Mask } from '../../../src-shared/masks';
import { disc, iou, noise, on, rect } from './shapes';

/** Plain three-box blur over the whole image, no skipping or cropping: the reference. */
function reference(m: Mask, radius: number): Uint8Array {
  const { width: w, height: h } = m,
    radii = boxRadii(radius).filter((k) => k > 0);
  const at = (n: number, i: number) => Math.min(n - 1, Math.max(0, i));
  const img = Uint8Array.from(m.data);
  for (let y = 0; y < h; y++) {
    // rows in floating point, rounded once
    let line = Array.from(img.subarray(y * w, y * w + w));
    for (const k of radii)
      line = line.map((_, x) => {
        let s = 0;
        for (let d = -k; d <= k; d++) s += line[at(w, x + d)]!;
        return s / (2 * k + 1);
      });
    line.forEach((v, x) => {
      img[y * w + x] = Math.floor(v + 0.5);
    });
  }
  for (const k of radii) {
    // columns: integer sums, rounded per pass
    const src = img.slice();
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        let s = 0;
        for (let d = -k; d <= k; d++) s += src[at(h, y + d) * w + x]!;
        img[y * w + x] = Math.floor(s / (2 * k + 1) + 0.5);
      }
  }
  return img;
}

describe('feather', () => {
  it('equals a plain full-image three-box blur (the skipping of flat areas is exact)', () => {
    const m = noise(157, 93, 0.002, 8);
    disc(m, 60, 40, 25);
    rect(m, 100, 0, 30, 93);
    rect(m, 0, 80, 157, 13, 90);
    for (const radius of [1, 4, 9, 20]) {
      const want = reference(m, radius),
        got = feather(m, radius).data;
      let off = 0;
      for (let i = 0; i < want.length; i++) {
        expect(Math.abs(got[i]! - want[i]!)).toBeLessThanOrEqual(1); // float sums in another order
        if (got[i] !== want[i]) off++;
      }
      expect(off).toBeLessThan(want.length / 1000);
    }
  });

  it('turns a straight edge into a monotone ramp 2·radius wide, centred on the edge', () => {
    for (const radius of [3, 10, 25]) {
      const m = rect(createMask(1200, 800), 400, 200, 500, 400); // left edge between x = 399 and 400
      const f = feather(m, radius);
      const row = f.data.subarray(400 * 1200, 401 * 1200);
      let soft = 0,
        falls = 0;
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
    let wrong = 0,
      soft = 0;
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
    for (let y = 0; y < 1000; y++)
      for (let x = 0; x < 1200; x++) {
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
