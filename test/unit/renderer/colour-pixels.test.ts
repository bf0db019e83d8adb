// Runs in: test tooling. The overlay's pixels, however they are computed (four at a time inside large
// selections, one at a time on edges, feathered values, widths that are not word-aligned), are exactly
// the rule: the colour at 45 % × coverage, an opaque outline where a selected pixel touches an unselected
// one or the mask's border, transparent where nothing is selected.
import { describe, expect, it } from 'vitest';
import { FILL_ALPHA, colourizeRect } from '../../../src-renderer/selection/colour-pixels';
import type { Mask } from '../../../src-shared/masks';

const [R, G, B] = [0x12, 0x9a, 0xf0];

function rule(m: Mask, x: number, y: number): [number, number, number, number] {
  const v = m.data[y * m.width + x]!;
  if (v === 0) return [0, 0, 0, 0];
  const sel = (xx: number, yy: number) => xx >= 0 && yy >= 0 && xx < m.width && yy < m.height && m.data[yy * m.width + xx]! >= 128;
  const edge = v >= 128 && (!sel(x - 1, y) || !sel(x + 1, y) || !sel(x, y - 1) || !sel(x, y + 1));
  return [R, G, B, edge ? 255 : Math.round((v * FILL_ALPHA) / 255)];
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Blocks of full coverage with holes and a few feathered pixels. */
function maskOf(w: number, h: number, rnd: () => number): Mask {
  const data = new Uint8Array(w * h);
  for (let k = 0; k < 3; k++) {
    const [x0, y0] = [Math.floor(rnd() * w), Math.floor(rnd() * h)];
    const [x1, y1] = [Math.min(w, x0 + 4 + Math.floor(rnd() * w)), Math.min(h, y0 + 3 + Math.floor(rnd() * h))];
    for (let y = y0; y < y1; y++) data.fill(255, y * w + x0, y * w + x1);
  }
  for (let k = 0; k < (w * h) / 20; k++) data[Math.floor(rnd() * w * h)] = rnd() < 0.5 ? 0 : Math.floor(rnd() * 256);
  return { width: w, height: h, data };
}

describe('overlay pixels', () => {
  it.each([
    [64, 40],
    [61, 37],
    [8, 8],
    [128, 3],
  ])('%i×%i masks, whole and by sub-rectangle, follow the rule pixel for pixel', (w, h) => {
    const rnd = random(w * 1000 + h);
    for (let t = 0; t < 20; t++) {
      const m = maskOf(w, h, rnd);
      const [x0, y0] = t % 2 ? [Math.floor(rnd() * w), Math.floor(rnd() * h)] : [0, 0];
      const [x1, y1] = t % 2 ? [x0 + 1 + Math.floor(rnd() * (w - x0)), y0 + 1 + Math.floor(rnd() * (h - y0))] : [w, h];
      const out = new Uint8ClampedArray((x1 - x0) * (y1 - y0) * 4);
      colourizeRect(m, out, '#129af0', x0, y0, x1, y1, { x: x0, y: y0, width: x1 - x0 });
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const o = ((y - y0) * (x1 - x0) + (x - x0)) * 4;
          expect([out[o], out[o + 1], out[o + 2], out[o + 3]], `${x},${y}`).toEqual(rule(m, x, y));
        }
    }
  });
});
