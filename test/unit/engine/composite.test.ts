// Runs in: test tooling. Pure compositing math and proxy sizing.
import { describe, expect, it } from 'vitest';
import { compositeLayers, dropAlpha, isOpaque } from '../../../src-main/engine/images/composite';
import type { Pixels } from '../../../src-main/engine/images/pixels';
import { proxySize } from '../../../src-main/engine/images/proxy';
import { expectClose, pixelAt } from '../../helpers/images';

const solid = (width: number, height: number, rgba: number[]): Pixels => {
  const channels = rgba.length as 3 | 4;
  const data = Buffer.alloc(width * height * channels);
  for (let i = 0; i < data.length; i += channels) data.set(rgba, i);
  return { data, width, height, channels };
};
const at = (canvas: Buffer, width: number, x: number, y: number) => pixelAt(canvas, width, 4, x, y);

describe('compositeLayers', () => {
  it('copies a single opaque layer exactly', () => {
    const data = Buffer.from(Array.from({ length: 4 * 3 * 3 }, (_, i) => (i * 37) % 256));
    const out = compositeLayers(4, 3, [{ pixels: { data, width: 4, height: 3, channels: 3 }, x: 0, y: 0, opacity: 1 }]);
    expect(dropAlpha(out).equals(data)).toBe(true);
    expect(isOpaque(out)).toBe(true);
  });

  it('blends a half-opaque layer over an opaque one, clipped, with offsets', () => {
    const red = solid(4, 4, [255, 0, 0]);
    const blue = solid(4, 4, [0, 0, 255]);
    const out = compositeLayers(6, 6, [
      { pixels: red, x: -1, y: -1, opacity: 1 }, // covers (0..2, 0..2)
      { pixels: blue, x: 2, y: 2, opacity: 0.5 }, // covers (2..5, 2..5)
    ]);
    expectClose(at(out, 6, 0, 0), [255, 0, 0, 255], 0);
    expectClose(at(out, 6, 2, 2), [128, 0, 128, 255], 1); // half blue over red
    expectClose(at(out, 6, 5, 5), [0, 0, 255, 128], 1); // half blue over nothing
    expectClose(at(out, 6, 5, 0), [0, 0, 0, 0], 0); // untouched
    expect(isOpaque(out)).toBe(false);
  });

  it('uses straight alpha: a translucent pixel over a translucent pixel', () => {
    const bottom = solid(1, 1, [0, 255, 0, 128]);
    const top = solid(1, 1, [255, 0, 0, 255]);
    const out = compositeLayers(1, 1, [
      { pixels: bottom, x: 0, y: 0, opacity: 1 },
      { pixels: top, x: 0, y: 0, opacity: 0.5 },
    ]);
    // a = 0.5, below = 0.502 × 0.5; outA = 0.751; colour = (255·0.5, 255·0.251) / 0.751
    expectClose(at(out, 1, 0, 0), [170, 85, 0, 192], 1);
  });

  it('ignores layers at zero opacity or entirely off the canvas', () => {
    const red = solid(2, 2, [255, 0, 0]);
    const out = compositeLayers(2, 2, [
      { pixels: red, x: 0, y: 0, opacity: 0 },
      { pixels: red, x: 2, y: 0, opacity: 1 },
      { pixels: red, x: -5, y: -5, opacity: 1 },
    ]);
    expect(out.every((v) => v === 0)).toBe(true);
  });
});

describe('proxySize', () => {
  it('fits the longest side and keeps the aspect', () => {
    expect(proxySize(1800, 1200, 512)).toEqual({ width: 512, height: 341 });
    expect(proxySize(1200, 1800, 512)).toEqual({ width: 341, height: 512 });
  });
  it('never upscales and never reaches zero', () => {
    expect(proxySize(300, 200, 2048)).toEqual({ width: 300, height: 200 });
    expect(proxySize(10000, 1, 64)).toEqual({ width: 64, height: 1 });
  });
});
