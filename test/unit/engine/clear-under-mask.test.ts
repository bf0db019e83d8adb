// Runs in: vitest (node). Delete on a result layer: its pixels under the selection lose their alpha by the
// mask's coverage (a feathered edge clears partly), at the layer's offset on the selection's image; colour
// and everything outside stay byte-identical; an RGB layer comes back RGBA.
import { describe, expect, it } from 'vitest';
import { clearUnderMask } from '../../../src-main/engine/images/clear-under-mask';

const mask = (width: number, height: number, set: Record<string, number>) => {
  const data = new Uint8Array(width * height);
  for (const [k, v] of Object.entries(set)) {
    const [x, y] = k.split(',').map(Number);
    data[y! * width + x!] = v;
  }
  return { width, height, data };
};

describe('clearUnderMask', () => {
  it('clears where the mask covers the layer at its offset, partly at a soft edge, and nowhere else', () => {
    // A 3 × 2 RGBA layer placed at (2, 1) on a 6 × 4 image.
    const data = Buffer.from([10, 20, 30, 255, 11, 21, 31, 200, 12, 22, 32, 255, 13, 23, 33, 255, 14, 24, 34, 0, 15, 25, 35, 255]);
    const layer = { data, width: 3, height: 2, channels: 4 as const };
    const m = mask(6, 4, { '2,1': 255, '3,1': 128, '4,2': 255, '0,0': 255 });
    const { pixels, cleared } = clearUnderMask(layer, m, 2, 1);
    expect(pixels.channels).toBe(4);
    const alpha = Array.from({ length: 6 }, (_, i) => pixels.data[i * 4 + 3]);
    expect(alpha).toEqual([0, Math.round((200 * 127) / 255), 255, 255, 0, 0]);
    // (1,1) of the layer is (3,2) of the image: not covered; (1,1)'s alpha was 0 already and stays 0.
    expect(cleared).toBe(3);
    expect(pixels.data.subarray(0, 3)).toEqual(Buffer.from([10, 20, 30])); // colour kept
    expect(Array.from(data.subarray(0, 4))).toEqual([10, 20, 30, 255]); // input untouched
  });

  it('an RGB layer becomes RGBA; a mask beside it clears nothing', () => {
    const layer = { data: Buffer.from([1, 2, 3, 4, 5, 6]), width: 2, height: 1, channels: 3 as const };
    const { pixels, cleared } = clearUnderMask(layer, mask(2, 1, { '0,0': 255, '1,0': 255 }), 5, 0);
    expect(cleared).toBe(0);
    expect(Array.from(pixels.data)).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
  });
});
