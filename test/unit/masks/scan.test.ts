// Runs in: test tooling. Mask bounds and areas (non-zero and selected), read a word at a time, equal a plain pixel-by-pixel scan on
// masks of every width and alignment (odd widths, views starting at any byte), empty and full masks.
import { describe, expect, it } from 'vitest';
import { area, bbox } from '../../../src-shared/masks';
import { boundsAndArea } from '../../../src-shared/masks/scan';
import type { Mask } from '../../../src-shared/masks';

function plain(m: Mask) {
  let [x0, y0, x1, y1, area] = [Infinity, Infinity, -1, -1, 0];
  for (let y = 0; y < m.height; y++)
    for (let x = 0; x < m.width; x++) {
      if (!m.data[y * m.width + x]) continue;
      [x0, x1, y0, y1, area] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y), area + 1];
    }
  return { bounds: x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 }, area };
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('mask scan', () => {
  it('equals a pixel-by-pixel scan on random sparse masks of any width and byte alignment', () => {
    const rnd = random(7);
    for (let t = 0; t < 2000; t++) {
      const [w, h, offset] = [1 + Math.floor(rnd() * 40), 1 + Math.floor(rnd() * 30), Math.floor(rnd() * 4)];
      const data = new Uint8Array(w * h + 8).subarray(offset, offset + w * h);
      for (let k = Math.floor(rnd() * 6); k > 0; k--) data[Math.floor(rnd() * w * h)] = 1 + Math.floor(rnd() * 255);
      const m = { width: w, height: h, data };
      expect(boundsAndArea(m)).toEqual(plain(m));
      expect(bbox(m)).toEqual(plain(m).bounds);
    }
  });

  it('area counts the bytes >= 128 exactly, whatever the alignment, the soft edges and the word boundaries', () => {
    const rnd = random(11);
    for (let t = 0; t < 2000; t++) {
      const [w, h, offset] = [1 + Math.floor(rnd() * 40), 1 + Math.floor(rnd() * 30), Math.floor(rnd() * 4)];
      const data = new Uint8Array(w * h + 8).subarray(offset, offset + w * h);
      // Runs of soft values around the threshold (127, 128, 255 …) so words mix selected and unselected bytes.
      for (let k = Math.floor(rnd() * 8); k > 0; k--)
        data.fill([1, 127, 128, 200, 255][Math.floor(rnd() * 5)]!, Math.floor(rnd() * w * h), Math.floor(rnd() * w * h));
      const m = { width: w, height: h, data };
      expect(area(m)).toBe(data.filter((v) => v >= 128).length);
    }
  });

  it('a preview-sized mask: empty, one selected block, everything', () => {
    const m = { width: 1536, height: 1024, data: new Uint8Array(1536 * 1024) };
    expect(boundsAndArea(m)).toEqual({ bounds: null, area: 0 });
    for (let y = 300; y < 700; y++) m.data.fill(255, y * 1536 + 401, y * 1536 + 1099);
    expect(boundsAndArea(m)).toEqual({ bounds: { x: 401, y: 300, width: 698, height: 400 }, area: 400 * 698 });
    expect(area(m)).toBe(400 * 698);
    m.data.fill(255);
    expect(bbox(m)).toEqual({ x: 0, y: 0, width: 1536, height: 1024 });
    expect(area(m)).toBe(1536 * 1024);
  });
});
