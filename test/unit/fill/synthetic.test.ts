// Runs in: test tooling. Fills of synthetic images with a known answer: stripes and a checkerboard must
// continue through the hole, a noise texture must keep its local statistics, a scratch across a smooth
// gradient must vanish; Telea wins on the thin scratch, PatchMatch on the textured hole.
import { describe, expect, it } from 'vitest';
import { blobMask, compareToRing, seam, controlSeam } from '../../helpers/fill-metrics';
import { asImg, checker, fillAndPaste, gradient, noiseTexture, rectMask, rmsInMask, scratchMask, stripes } from './fixtures';

describe('PatchMatch on synthetic images', () => {
  it('continues vertical stripes through a rectangular hole: every column keeps its stripe colour', () => {
    const img = stripes(160, 120),
      mask = rectMask(160, 120, 60, 40, 100, 80);
    const { out } = fillAndPaste(img, mask, 'patchmatch');
    let good = 0;
    for (let x = 60; x < 100; x++) {
      let err = 0;
      for (let y = 40; y < 80; y++)
        for (let c = 0; c < 3; c++) err += Math.abs(out[(y * 160 + x) * 3 + c]! - img.data[(y * 160 + x) * 3 + c]!);
      if (err / (40 * 3) < 20) good++;
    }
    expect(good).toBeGreaterThanOrEqual(36); // of 40 columns
  });

  it('completes a checkerboard: at least 90 % of hole pixels have the right colour', () => {
    const img = checker(160, 120),
      mask = rectMask(160, 120, 60, 40, 100, 80);
    const { out } = fillAndPaste(img, mask, 'patchmatch');
    let right = 0,
      n = 0;
    for (let i = 0; i < mask.length; i++)
      if (mask[i]) {
        n++;
        if (Math.abs(out[i * 3]! - img.data[i * 3]!) < 40) right++;
      }
    expect(right / n).toBeGreaterThan(0.9);
  });

  it('fills a hole in a noise texture with matching local mean, variance and gradient energy, without a seam', () => {
    const img = noiseTexture(200, 160),
      mask = blobMask(200, 160, 100, 80, 28);
    const filled = asImg(fillAndPaste(img, mask, 'patchmatch'));
    const r = compareToRing(filled, mask);
    expect(r.meanDelta).toBeLessThan(10);
    expect(r.varRatio).toBeGreaterThan(0.5);
    expect(r.varRatio).toBeLessThan(1.6);
    expect(r.gradRatio).toBeGreaterThan(0.5);
    expect(r.gradRatio).toBeLessThan(1.6);
    expect(seam(filled, mask)).toBeLessThan(1.3 * controlSeam(img, mask) + 2);
  });
});

describe('Telea versus PatchMatch', () => {
  it('Telea removes a thin scratch across a smooth gradient almost exactly, at least as well as PatchMatch', () => {
    const img = gradient(200, 160),
      mask = scratchMask(200, 160, 20, 30, 180, 130);
    const telea = rmsInMask(fillAndPaste(img, mask, 'telea').out, img.data, mask);
    const pm = rmsInMask(fillAndPaste(img, mask, 'patchmatch').out, img.data, mask);
    expect(telea).toBeLessThan(2);
    expect(telea).toBeLessThanOrEqual(pm + 0.5);
  });

  it('PatchMatch keeps a textured hole textured; Telea smooths it flat', () => {
    const img = noiseTexture(200, 160, 7),
      mask = blobMask(200, 160, 100, 80, 28);
    const pm = compareToRing(asImg(fillAndPaste(img, mask, 'patchmatch')), mask);
    const telea = compareToRing(asImg(fillAndPaste(img, mask, 'telea')), mask);
    expect(telea.gradRatio).toBeLessThan(0.2);
    expect(pm.gradRatio).toBeGreaterThan(3 * telea.gradRatio);
    expect(Math.abs(Math.log(pm.gradRatio))).toBeLessThan(0.5 * Math.abs(Math.log(telea.gradRatio)));
    expect(pm.varRatio).toBeGreaterThan(0.6);
  });
});
