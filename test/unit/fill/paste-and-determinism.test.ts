// Runs in: test tooling. The patch contract: outside the mask and its feather ramp the pasted image keeps
// its exact bytes; alpha is 255 on the mask and ramps down just outside; pastePatch's alpha 0 and 255
// are exact; the same seed gives the same bytes, another seed other bytes (PatchMatch).
import { describe, expect, it } from 'vitest';
import { distanceSquared } from '../../../src-shared/masks';
import { fillSync } from '../../../src-main/engine/fill/fill';
import { pastePatch } from '../../../src-main/engine/images/paste-patch';
import type { FillImage } from '../../../src-main/engine/fill/types';
import { blobMask } from '../../helpers/fill-metrics';
import { noiseTexture } from './fixtures';

const W = 180,
  H = 140;

describe('patch and paste-back', () => {
  for (const method of ['patchmatch', 'telea'] as const) {
    it(`${method}: alpha 255 on the mask, a ramp of at most 8 px outside, and exact original bytes beyond`, () => {
      const img = noiseTexture(W, H, 3),
        mask = blobMask(W, H, 90, 70, 24);
      const r = fillSync({ image: img, mask, method, seed: 5 });
      const out = pastePatch(img, r);
      const d2 = distanceSquared({ width: W, height: H, data: mask });
      let ramp = 0;
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const i = y * W + x;
          const inside = x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height;
          const a = inside ? r.rgba[((y - r.y) * r.width + x - r.x) * 4 + 3]! : 0;
          if (mask[i]) expect(a).toBe(255);
          else if (d2[i]! > 64) expect(a).toBe(0);
          if (!mask[i] && a > 0) ramp++;
          if (a === 0) for (let c = 0; c < 3; c++) expect(out[i * 3 + c]).toBe(img.data[i * 3 + c]);
        }
      expect(ramp).toBeGreaterThan(0);
      expect(r.method).toBe(method);
      expect(r.ms).toBeGreaterThanOrEqual(0);
    });
  }

  it('pastePatch: alpha 0 keeps the original, 255 takes the patch, between blends with rounding; RGBA over transparency', () => {
    const img: FillImage = { data: new Uint8Array([10, 20, 30, 100, 100, 100, 0, 0, 0]), width: 3, height: 1, channels: 3 };
    const patch = { x: 0, y: 0, width: 3, height: 1, rgba: new Uint8Array([200, 200, 200, 0, 1, 2, 3, 255, 200, 100, 50, 128]) };
    expect([...pastePatch(img, patch)]).toEqual([10, 20, 30, 1, 2, 3, 100, 50, 25]);
    const rgba: FillImage = { data: new Uint8Array([10, 20, 30, 0, 10, 20, 30, 255]), width: 2, height: 1, channels: 4 };
    const p2 = { x: 0, y: 0, width: 2, height: 1, rgba: new Uint8Array([200, 100, 50, 128, 200, 100, 50, 255]) };
    expect([...pastePatch(rgba, p2)]).toEqual([200, 100, 50, 128, 200, 100, 50, 255]);
  });

  it('fills RGBA images too', () => {
    const rgb = noiseTexture(80, 60, 4),
      data = new Uint8Array(80 * 60 * 4);
    for (let i = 0; i < 80 * 60; i++) data.set([...rgb.data.subarray(i * 3, i * 3 + 3), 255], i * 4);
    const img: FillImage = { data, width: 80, height: 60, channels: 4 };
    const out = pastePatch(img, fillSync({ image: img, mask: blobMask(80, 60, 40, 30, 10), method: 'patchmatch', seed: 1 }));
    expect(out.length).toBe(data.length);
    expect(out[(30 * 80 + 40) * 4 + 3]).toBe(255);
  });
});

describe('determinism', () => {
  const img = noiseTexture(W, H, 9),
    mask = blobMask(W, H, 90, 70, 24);
  it('same seed → same bytes; another seed → other bytes (PatchMatch)', () => {
    const a = fillSync({ image: img, mask, method: 'patchmatch', seed: 42 });
    const b = fillSync({ image: img, mask, method: 'patchmatch', seed: 42 });
    const c = fillSync({ image: img, mask, method: 'patchmatch', seed: 43 });
    expect(Buffer.from(b.rgba).equals(Buffer.from(a.rgba))).toBe(true);
    expect(Buffer.from(c.rgba).equals(Buffer.from(a.rgba))).toBe(false);
  });

  it('Telea does not depend on the seed', () => {
    const a = fillSync({ image: img, mask, method: 'telea', seed: 1 });
    const b = fillSync({ image: img, mask, method: 'telea', seed: 2 });
    expect(Buffer.from(b.rgba).equals(Buffer.from(a.rgba))).toBe(true);
  });
});
