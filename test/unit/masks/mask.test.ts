// Runs in: vitest (node). Per-pixel mask operations: threshold, invert, set algebra, bbox, area.
import { describe, expect, it } from 'vitest';
import { area, bbox, createMask, intersect, invert, subtract, threshold, union } from '../../../src-shared/masks';
import { disc, noise, rect, rng } from './shapes';

describe('mask basics', () => {
  it('invert twice is the identity, on soft coverage too', () => {
    const m = createMask(257, 123);
    const r = rng(1);
    for (let i = 0; i < m.data.length; i++) m.data[i] = Math.floor(r() * 256);
    expect(invert(invert(m)).data).toEqual(m.data);
    expect(invert(m).data[0]).toBe(255 - m.data[0]!);
  });

  it('thresholds at 128 by default and at any level', () => {
    const m = { width: 4, height: 1, data: Uint8Array.from([0, 127, 128, 255]) };
    expect([...threshold(m).data]).toEqual([0, 0, 255, 255]);
    expect([...threshold(m, 255).data]).toEqual([0, 0, 0, 255]);
  });

  it('union, intersect and subtract follow fuzzy set algebra', () => {
    const a = { width: 3, height: 1, data: Uint8Array.from([0, 200, 255]) };
    const b = { width: 3, height: 1, data: Uint8Array.from([100, 50, 255]) };
    expect([...union(a, b).data]).toEqual([100, 200, 255]);
    expect([...intersect(a, b).data]).toEqual([0, 50, 255]);
    expect([...subtract(a, b).data]).toEqual([0, 200, 0]);
    expect(() => union(a, createMask(2, 1))).toThrow(RangeError);
  });

  it('hard masks: a ∖ b, a ∩ b and a ∪ b partition the union', () => {
    const a = noise(300, 200, 0.5, 2),
      b = noise(300, 200, 0.3, 3);
    expect(area(subtract(a, b)) + area(intersect(a, b))).toBe(area(a));
    expect(area(union(a, b))).toBe(area(a) + area(b) - area(intersect(a, b)));
  });

  it('bbox bounds every covered pixel exactly and is null when empty', () => {
    const m = createMask(640, 480);
    expect(bbox(m)).toBeNull();
    rect(m, 100, 50, 30, 20);
    m.data[400 * 640 + 7] = 1; // faint coverage still counts
    disc(m, 600, 300, 10);
    expect(bbox(m)).toEqual({ x: 7, y: 50, width: 610 - 7, height: 401 - 50 });
    expect(bbox(createMask(5, 5, 255))).toEqual({ x: 0, y: 0, width: 5, height: 5 });
  });

  it('area counts selected pixels', () => {
    const m = rect(createMask(100, 100), 10, 10, 20, 30);
    m.data[0] = 127;
    m.data[1] = 128;
    expect(area(m)).toBe(601);
  });
});
