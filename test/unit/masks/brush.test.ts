// Runs in: vitest (node). The selection brush: capsule coverage, erase, falloff, dirty rects, replay.
import { describe, expect, it } from 'vitest';
import {
  type Mask,
  type Point,
  type Rect,
  cloneMask,
  createMask,
  rasterizeStrokes,
  resize,
  stampBrush,
  strokeBrush,
} from '../../../src-shared/masks';
import { disc, iou, on, rng } from './shapes';

const hard = { radius: 20, hardness: 1, mode: 'add' } as const;

/** Every pixel whose centre lies within r of the segment a→b (brute force). */
function capsule(w: number, h: number, a: Point, b: Point, r: number): Mask {
  const m = createMask(w, h);
  const dx = b.x - a.x,
    dy = b.y - a.y,
    l2 = dx * dx + dy * dy;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const t = Math.min(1, Math.max(0, ((x + 0.5 - a.x) * dx + (y + 0.5 - a.y) * dy) / l2));
      if ((x + 0.5 - a.x - t * dx) ** 2 + (y + 0.5 - a.y - t * dy) ** 2 <= r * r) m.data[y * w + x] = 255;
    }
  return m;
}

/** Bounding box of the pixels that differ between a and b. */
function changed(a: Mask, b: Mask): Rect | null {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -1,
    y1 = -1;
  for (let i = 0; i < a.data.length; i++) {
    if (a.data[i] === b.data[i]) continue;
    const x = i % a.width,
      y = (i - x) / a.width;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Points along a→b with random gaps of up to maxStep pixels. */
function walk(a: Point, b: Point, maxStep: number, seed: number): Point[] {
  const r = rng(seed),
    len = Math.hypot(b.x - a.x, b.y - a.y),
    pts = [a];
  for (let s = r() * maxStep; s < len; s += 0.2 + r() * maxStep)
    pts.push({ x: a.x + ((b.x - a.x) * s) / len, y: a.y + ((b.y - a.y) * s) / len });
  pts.push(b);
  return pts;
}

describe('brush', () => {
  it('covers exactly the capsule along a line, with no gaps at any point spacing', () => {
    const lines: [Point, Point][] = [
      [
        { x: 40.3, y: 200.7 },
        { x: 560.2, y: 310.1 },
      ], // shallow diagonal
      [
        { x: 30, y: 100.5 },
        { x: 570, y: 100.5 },
      ], // exactly horizontal
      [
        { x: 300.5, y: 380 },
        { x: 300.5, y: 15 },
      ], // exactly vertical, upwards
      [
        { x: 500, y: 20 },
        { x: 120.4, y: 390.9 },
      ], // steep, right to left
    ];
    for (const [a, b] of lines) {
      const expected = capsule(600, 400, a, b, 20);
      for (const step of [0.5, 3, 17, 80, 1000]) {
        const m = createMask(600, 400);
        strokeBrush(m, walk(a, b, step, step * 10), hard);
        expect(Buffer.compare(m.data, expected.data)).toBe(0);
      }
    }
  });

  it('erase removes exactly what add added with a hard brush', () => {
    const base = disc(createMask(500, 400), 250, 200, 90, 180);
    const pts = walk({ x: 10, y: 30 }, { x: 480, y: 370 }, 25, 3);
    const m = cloneMask(base);
    strokeBrush(m, pts, { ...hard, radius: 33 });
    strokeBrush(m, pts, { ...hard, radius: 33, mode: 'erase' });
    const strip = capsule(500, 400, pts[0]!, pts[pts.length - 1]!, 33);
    for (let i = 0; i < m.data.length; i++) {
      const expected = strip.data[i] ? 0 : base.data[i];
      if (m.data[i] !== expected) throw new Error(`pixel ${i}: ${m.data[i]} ≠ ${expected}`);
    }
    const empty = createMask(500, 400);
    strokeBrush(empty, pts, hard);
    strokeBrush(empty, pts, { ...hard, mode: 'erase' });
    expect(empty.data.every((v) => v === 0)).toBe(true);
  });

  it('hardness 0 falls off smoothly from the centre to the rim', () => {
    const m = createMask(200, 200);
    stampBrush(m, { x: 100, y: 100, radius: 40, hardness: 0, mode: 'add' });
    const profile = Array.from({ length: 45 }, (_, d) => m.data[100 * 200 + 100 + d]!);
    expect(profile[0]).toBeGreaterThanOrEqual(254);
    for (let d = 1; d < profile.length; d++) expect(profile[d]!).toBeLessThanOrEqual(profile[d - 1]!);
    expect(Math.abs(profile[20]! - 128)).toBeLessThan(12);
    expect(profile[40]).toBe(0);
    expect(new Set(profile).size).toBeGreaterThan(30); // a real ramp, not a step
    const half = createMask(200, 200); // hardness 0.5: solid core out to half the radius
    stampBrush(half, { x: 100, y: 100, radius: 40, hardness: 0.5, mode: 'add' });
    expect(half.data[100 * 200 + 119]).toBe(255);
    expect(half.data[100 * 200 + 130]).toBeLessThan(255);
  });

  it('opacity caps coverage and repeated strokes never build up', () => {
    const m = createMask(300, 100);
    const pts = [
      { x: 20, y: 50 },
      { x: 280, y: 50 },
    ];
    strokeBrush(m, pts, { ...hard, opacity: 0.5 });
    const once = cloneMask(m);
    expect(strokeBrush(m, pts, { ...hard, opacity: 0.5 })).toBeNull();
    expect(Buffer.compare(m.data, once.data)).toBe(0);
    expect(Math.max(...m.data)).toBe(128);
  });

  it('returns the exact rect of changed pixels, clipped to the mask', () => {
    const r = rng(5);
    const m = disc(createMask(400, 300), 200, 150, 50);
    for (let k = 0; k < 30; k++) {
      const before = cloneMask(m);
      const pts = walk({ x: r() * 500 - 50, y: r() * 400 - 50 }, { x: r() * 500 - 50, y: r() * 400 - 50 }, 40, k);
      const opts = { radius: 2 + r() * 40, hardness: r(), mode: r() < 0.4 ? 'erase' : 'add', opacity: 0.3 + r() } as const;
      expect(strokeBrush(m, pts, opts)).toEqual(changed(before, m));
    }
    expect(stampBrush(m, { ...hard, x: -100, y: -100 })).toBeNull();
    expect(stampBrush(createMask(10, 10), { ...hard, x: 0, y: 0 })).toEqual({ x: 0, y: 0, width: 10, height: 10 });
  });

  it('replays recorded strokes at 1/4 scale like the full-resolution raster reduced', () => {
    const strokes = [
      { ...hard, radius: 60, points: walk({ x: 100, y: 100 }, { x: 1800, y: 1300 }, 30, 1) },
      { radius: 40, hardness: 0.3, mode: 'add' as const, points: walk({ x: 1700, y: 100 }, { x: 200, y: 1400 }, 12, 2) },
      {
        radius: 25,
        hardness: 1,
        mode: 'erase' as const,
        points: [
          { x: 0, y: 750 },
          { x: 2000, y: 760 },
        ],
      },
      { radius: 80, hardness: 0.8, mode: 'add' as const, points: [{ x: 1000, y: 200 }] },
    ];
    const full = rasterizeStrokes(2000, 1500, strokes);
    const quarter = rasterizeStrokes(500, 375, strokes, 0.25);
    expect(iou(quarter, resize(full, 500, 375))).toBeGreaterThanOrEqual(0.95);
    expect(on(full, 1000, 200)).toBe(true);
    expect(on(quarter, 250, 50)).toBe(true);
    expect(on(full, 100, 755)).toBe(false);
  });
});
