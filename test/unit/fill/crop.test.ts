// Runs in: test tooling. runFill sends its worker only the crop the fill reads; the bytes and placement
// must be exactly what fillSync gives on the whole image, for a hole far from the image's centre (so the
// crop is a small part of it) with either method.
import { describe, expect, it } from 'vitest';
import { fillSync } from '../../../src-main/engine/fill/fill';
import { cropRequest } from '../../../src-main/engine/fill/fill-crop';
import { runFill } from '../../../src-main/engine/fill/fill-client';
import type { FillMethod, FillRequest } from '../../../src-main/engine/fill/types';
import { blobMask } from '../../helpers/fill-metrics';
import { noiseTexture } from './fixtures';

const W = 640;
const H = 420;
const image = noiseTexture(W, H, 5);

describe('fill crop', () => {
  for (const method of ['patchmatch', 'telea'] as FillMethod[]) {
    it(`${method}: the worker sees a small crop and returns fillSync's bytes at fillSync's place`, async () => {
      const req = (): FillRequest => ({ image, mask: blobMask(W, H, 560, 90, 22), method, seed: 4 });
      const cropped = cropRequest(req());
      const { width, height } = cropped.req.image;
      expect(width * height).toBeLessThan((W * H) / 4);
      const viaWorker = await runFill(req());
      const whole = fillSync(req());
      expect([viaWorker.x, viaWorker.y, viaWorker.width, viaWorker.height]).toEqual([whole.x, whole.y, whole.width, whole.height]);
      expect(Buffer.from(viaWorker.rgba).equals(Buffer.from(whole.rgba))).toBe(true);
    });
  }

  it('refuses a bad mask before any worker starts', () => {
    expect(() => cropRequest({ image, mask: new Uint8Array(W * H), method: 'telea', seed: 0 })).toThrow(/empty/);
  });
});
