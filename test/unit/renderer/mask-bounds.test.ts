// The overlay's bounding-box scan (word-at-a-time rows, bounded column scans) against a brute-force one.
import { describe, expect, it } from 'vitest';
import { maskBounds } from '../../../src-renderer/selection/colour-pixels';

function bruteForce(w: number, h: number, d: Uint8Array) {
  let [x0, y0, x1, y1] = [w, h, -1, -1];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!d[y * w + x]) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

describe('maskBounds', () => {
  it('matches a brute-force scan on random sparse masks, aligned or not', () => {
    let seed = 1;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let t = 0; t < 3000; t++) {
      const w = 1 + Math.floor(rnd() * 13);
      const h = 1 + Math.floor(rnd() * 9);
      const offset = Math.floor(rnd() * 3);
      const data = new Uint8Array(w * h + offset).subarray(offset);
      const dots = Math.floor(rnd() * 4);
      for (let i = 0; i < dots; i++) data[Math.floor(rnd() * w * h)] = 1 + Math.floor(rnd() * 255);
      expect(maskBounds({ width: w, height: h, data })).toEqual(bruteForce(w, h, data));
    }
  });
});
