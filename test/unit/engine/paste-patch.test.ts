// Runs in: vitest (node). The one paste-back (images/paste-patch.ts) that the fill, the eraser, `anyfill
// fill`, `anyfill inpaint` and the batch share: on a cut-out (a photo texture with a soft-edged object on a
// transparent background), a real fill's feathered edge lands where the app's canvas would draw it.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fillSync } from '../../../src-main/engine/fill/fill';
import type { FillImage } from '../../../src-main/engine/fill/types';
import { pastePatch } from '../../../src-main/engine/images/paste-patch';
import { noiseTexture } from '../fill/fixtures';

const W = 96,
  H = 64;

/** The texture cut out as a disc with a 3 px soft edge; the colour under alpha 0 stays (as in real cut-outs). */
function cutOut(): FillImage {
  const rgb = noiseTexture(W, H, 7),
    data = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) {
    const d = Math.hypot((i % W) - 40, Math.floor(i / W) - 32);
    data.set([...rgb.data.subarray(i * 3, i * 3 + 3), Math.round(255 * Math.max(0, Math.min(1, (26 - d) / 3)))], i * 4);
  }
  return { data, width: W, height: H, channels: 4 };
}

/** A blot straddling the object's right edge: the fill's feather ramp falls partly on transparent pixels. */
function blotMask(): Uint8Array {
  const m = new Uint8Array(W * H);
  for (let i = 0; i < W * H; i++) if (Math.hypot((i % W) - 64, Math.floor(i / W) - 30) <= 9) m[i] = 255;
  return m;
}

describe('pastePatch over a cut-out', () => {
  const image = cutOut();
  const patch = fillSync({ image, mask: blotMask(), method: 'telea', seed: 1 });
  const out = pastePatch(image, patch);
  const at = (x: number, y: number) => ({ img: (y * W + x) * 4, p: ((y - patch.y) * patch.width + x - patch.x) * 4 });

  it('a half-transparent feather edge over transparency shows with its own alpha and colour', () => {
    let edge = 0;
    for (let y = patch.y; y < patch.y + patch.height; y++)
      for (let x = patch.x; x < patch.x + patch.width; x++) {
        const { img, p } = at(x, y),
          a = patch.rgba[p + 3]!;
        if (image.data[img + 3] !== 0 || a === 0 || a === 255) continue;
        edge++;
        expect([...out.subarray(img, img + 4)]).toEqual([...patch.rgba.subarray(p, p + 4)]);
      }
    expect(edge).toBeGreaterThan(10); // the scene really puts a feathered edge over transparent pixels
  });

  it('agrees with libvips "over" (what a canvas shows) everywhere, and keeps every byte the patch does not cover', async () => {
    const vips = await sharp(image.data, { raw: { width: W, height: H, channels: 4 } })
      .composite([
        {
          input: Buffer.from(patch.rgba),
          raw: { width: patch.width, height: patch.height, channels: 4 },
          left: patch.x,
          top: patch.y,
          blend: 'over',
        },
      ])
      .raw()
      .toBuffer();
    let worst = 0,
      untouched = 0;
    for (let i = 0; i < W * H; i++) {
      const x = i % W,
        y = Math.floor(i / W),
        o = i * 4;
      const inside = x >= patch.x && y >= patch.y && x < patch.x + patch.width && y < patch.y + patch.height;
      if (!inside || patch.rgba[at(x, y).p + 3] === 0) {
        untouched++;
        expect(out.subarray(o, o + 4)).toEqual(image.data.subarray(o, o + 4));
        continue;
      }
      worst = Math.max(worst, Math.abs(out[o + 3]! - vips[o + 3]!));
      // Colour under a nearly transparent result is not seen; compare it where it shows.
      if (out[o + 3]! >= 32) for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(out[o + c]! - vips[o + c]!));
    }
    expect(untouched).toBeGreaterThan((W * H) / 2);
    expect(worst).toBeLessThanOrEqual(2);
  });
});
