// Runs in: test tooling. Fills on real photos (../shared/images): a blob in the asphalt of picture3.jpg must
// keep the surrounding ring's statistics without a visible seam, and a blob across the kerb and road
// markings must come out closer to the hidden truth with PatchMatch than with Telea.
import { beforeAll, describe, expect, it } from 'vitest';
import type { FillImage } from '../../../src-main/engine/fill/types';
import { blobMask, compareToRing, controlSeam, seam } from '../../helpers/fill-metrics';
import { asImg, fillAndPaste, photo, rmsInMask } from './fixtures';

let asphalt: FillImage, kerb: FillImage;
beforeAll(async () => {
  asphalt = await photo('picture3.jpg', { left: 1300, top: 1100, width: 600, height: 400 });
  kerb = await photo('picture3.jpg', { left: 200, top: 1050, width: 900, height: 400 });
});

describe('fills on real photos', () => {
  it('asphalt: the filled blob matches the ring around it (mean, variance, gradient energy) with no seam', () => {
    const mask = blobMask(600, 400, 300, 250, 60);
    const pm = compareToRing(asImg(fillAndPaste(asphalt, mask, 'patchmatch')), mask);
    expect(pm.meanDelta).toBeLessThan(8);
    expect(pm.varRatio).toBeGreaterThan(0.6);
    expect(pm.varRatio).toBeLessThan(1.6);
    expect(pm.gradRatio).toBeGreaterThan(0.5);
    expect(pm.gradRatio).toBeLessThan(1.6);
    const filled = asImg(fillAndPaste(asphalt, mask, 'patchmatch'));
    expect(seam(filled, mask)).toBeLessThan(1.25 * controlSeam(asphalt, mask) + 1);
    // Telea keeps the mean but loses the grain: PatchMatch is clearly better here.
    const telea = compareToRing(asImg(fillAndPaste(asphalt, mask, 'telea')), mask);
    expect(telea.gradRatio).toBeLessThan(0.3);
    expect(pm.gradRatio).toBeGreaterThan(2 * telea.gradRatio);
  });

  it('kerb and road markings: PatchMatch continues the structure, closer to the hidden truth than Telea', () => {
    const mask = blobMask(900, 400, 450, 200, 90);
    const pm = fillAndPaste(kerb, mask, 'patchmatch'), telea = fillAndPaste(kerb, mask, 'telea');
    const pmErr = rmsInMask(pm.out, kerb.data, mask), teleaErr = rmsInMask(telea.out, kerb.data, mask);
    expect(pmErr).toBeLessThan(0.85 * teleaErr);
    expect(seam(asImg(pm), mask)).toBeLessThan(1.25 * controlSeam(kerb, mask) + 1);
  });
});
