// Runs in: vitest (node). Fill holes and remove islands, against hand-made shapes and a BFS reference.
import { describe, expect, it } from 'vitest';
import { type Mask, area, createMask, fillHoles, removeIslands } from '../../../src-shared/masks';
import { disc, labels, noise, on, rect } from './shapes';

const ring = (w: number, h: number, cx: number, cy: number, r0: number, r1: number): Mask =>
  disc(disc(createMask(w, h), cx, cy, r1), cx, cy, r0, 0);

describe('fillHoles', () => {
  it('fills the centre of a ring and nothing outside it', () => {
    const m = ring(1200, 900, 600, 450, 150, 250);
    const filled = fillHoles(m);
    expect(on(m, 600, 450)).toBe(false);
    expect(on(filled, 600, 450)).toBe(true);
    expect(area(filled)).toBe(area(disc(createMask(1200, 900), 600, 450, 250)));
  });

  it('leaves a notch open to the border open', () => {
    const m = ring(400, 300, 200, 150, 50, 90);
    rect(m, 195, 0, 10, 150, 0); // a channel from the hole up to the image's top edge
    const filled = fillHoles(m);
    expect(Buffer.compare(filled.data, m.data)).toBe(0);
    // A hole that touches the border through a 1-pixel diagonal gap is sealed (4-connected background).
    const d = createMask(7, 7);
    for (const [x, y] of [
      [2, 1],
      [3, 1],
      [1, 2],
      [4, 2],
      [1, 3],
      [4, 3],
      [2, 4],
      [3, 4],
    ] as const)
      d.data[y * 7 + x] = 255;
    const f = fillHoles(d);
    expect([on(f, 2, 2), on(f, 3, 3), on(f, 0, 0)]).toEqual([true, true, false]);
  });

  it('fills only holes under the given area and keeps soft coverage elsewhere', () => {
    const m = rect(createMask(300, 200), 20, 20, 260, 160);
    rect(m, 40, 40, 5, 5, 0); // 25 px
    rect(m, 100, 40, 20, 20, 0); // 400 px
    m.data[150 * 300 + 150] = 200;
    const f = fillHoles(m, 100);
    expect([on(f, 42, 42), on(f, 110, 50)]).toEqual([true, false]);
    expect(f.data[150 * 300 + 150]).toBe(200);
  });

  it('matches a breadth-first reference on random masks', () => {
    for (const density of [0.35, 0.5, 0.6]) {
      const m = noise(220, 160, density, Math.round(density * 100));
      const ref = labels(m, false, false);
      const f = fillHoles(m);
      for (let i = 0; i < m.data.length; i++) {
        const l = ref.label[i]!;
        const expected = l >= 0 && !ref.border[l] ? 255 : m.data[i];
        if (f.data[i] !== expected) throw new Error(`pixel ${i}: ${f.data[i]} ≠ ${expected}`);
      }
    }
  });
});

describe('removeIslands', () => {
  it('drops islands under the area with exact counts, joining diagonal pixels', () => {
    const m = createMask(200, 100);
    rect(m, 10, 10, 10, 10); // 100 px
    rect(m, 40, 10, 7, 7); // 49 px
    rect(m, 60, 10, 5, 10); // 50 px
    m.data[50 * 200 + 100] = 255; // two pixels touching only at a corner: one 2-px island
    m.data[51 * 200 + 101] = 255;
    m.data[80 * 200 + 150] = 255; // a lone pixel
    expect(labels(m, true, true).sizes.length).toBe(5);
    const r2 = removeIslands(m, 2);
    expect(labels(r2, true, true).sizes.sort((a, b) => a - b)).toEqual([2, 49, 50, 100]);
    const r50 = removeIslands(m, 50);
    expect(labels(r50, true, true).sizes.sort((a, b) => a - b)).toEqual([50, 100]);
    expect(area(r50)).toBe(150);
    expect(area(removeIslands(m, 101))).toBe(0);
  });

  it('matches a breadth-first reference on random masks', () => {
    const m = noise(300, 200, 0.3, 7);
    const ref = labels(m, true, true);
    const r = removeIslands(m, 6);
    for (let i = 0; i < m.data.length; i++) {
      const l = ref.label[i]!;
      const expected = l >= 0 && ref.sizes[l]! < 6 ? 0 : m.data[i];
      if (r.data[i] !== expected) throw new Error(`pixel ${i}: ${r.data[i]} ≠ ${expected}`);
    }
  });

  // Speed is measured by test/bench/masks.ts (npm run bench), not asserted here.
  it('removes the noise islands of a 4-megapixel mask and keeps the large disc', () => {
    const m = noise(2000, 2000, 0.2, 9);
    disc(m, 1000, 1000, 600);
    const r = removeIslands(m, 20);
    expect(on(r, 1000, 1000)).toBe(true);
  });
});
