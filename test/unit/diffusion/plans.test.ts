// Runs in: tests (Node). The pure planning and post-processing pieces: crop plan and processing size,
// feathered blend alpha and colour match, outpaint extension/windows, the latent preview.
import { describe, expect, it } from 'vitest';
import { blendMasks, colourMatch, makePatch } from '../../../src-main/engine/diffusion/blend';
import { planCrop, processingSize } from '../../../src-main/engine/diffusion/crop';
import { latentPreview } from '../../../src-main/engine/diffusion/latent-preview';
import { extensionForAspect, planOutpaint } from '../../../src-main/engine/diffusion/outpaint-plan';
import { latentMask } from '../../../src-main/engine/diffusion/prepare';

describe('crop plan', () => {
  it('a small mask on a 24 MP photo: context around it, square-ish, processed at 512 (multiples of 64)', () => {
    const p = planCrop({ x: 3000, y: 2000, width: 200, height: 100 }, 6000, 4000);
    expect(p.crop).toEqual({ x: 2940, y: 1890, width: 320, height: 320 });
    expect(p.processing).toEqual({ width: 512, height: 512 });
  });

  it('stays inside the image and keeps its aspect at the model size', () => {
    const p = planCrop({ x: 0, y: 0, width: 900, height: 300 }, 1000, 400);
    expect(p.crop.x).toBe(0);
    expect(p.crop.y).toBe(0);
    expect(p.crop.height).toBe(400);
    expect(processingSize(1000, 400)).toEqual({ width: 512, height: 192 });
  });
});

describe('blend', () => {
  it('alpha 255 in the mask, a ramp over the feather radius, 0 beyond; the ring sits outside the ramp', () => {
    const [w, h] = [40, 1];
    const mask = Uint8Array.from({ length: w }, (_, x) => (x < 10 ? 255 : 0));
    const { alpha, ring } = blendMasks(mask, w, h, 4);
    expect([...alpha.slice(8, 16)]).toEqual([255, 255, 191, 128, 64, 0, 0, 0]);
    expect(ring.indexOf(1)).toBe(14);
    const patch = makePatch(new Uint8Array(w * 3).fill(9), alpha, w, h, { x: 100, y: 5, width: w, height: h });
    expect(patch).toMatchObject({ x: 100, y: 5, width: 13, height: 1 });
  });

  it('colour match removes a uniform drift measured on the ring, bounded', () => {
    const n = 100;
    const original = new Uint8Array(n * 3).map((_, i) => 100 + (i % 7));
    const drifted = original.map((v) => v + 20);
    const fixed = colourMatch(drifted, original, new Uint8Array(n).fill(1));
    expect(Math.max(...fixed.map((v, i) => Math.abs(v - original[i]!)))).toBeLessThanOrEqual(1);
    const far = colourMatch(
      original.map((v) => v + 120),
      original,
      new Uint8Array(n).fill(1),
    );
    expect(far[0]! - original[0]!).toBeGreaterThanOrEqual(120 - 48 - 1);
  });

  it('the latent mask samples block centres (nearest) and binarises', () => {
    const mask = new Uint8Array(16 * 8);
    for (let y = 0; y < 8; y++) mask.fill(255, y * 16 + 8, y * 16 + 16);
    expect([...latentMask(mask, 16, 8)]).toEqual([0, 1]);
  });
});

describe('outpaint plan', () => {
  it('aspect ratios grow the short side evenly', () => {
    expect(extensionForAspect(400, 300, 16, 9)).toEqual({ left: 66, right: 67, top: 0, bottom: 0 });
    expect(extensionForAspect(400, 300, 1, 1)).toEqual({ left: 0, right: 0, top: 50, bottom: 50 });
  });

  it('a wide extension gets several overlapping windows covering every new pixel', () => {
    const p = planOutpaint(3000, 400, { left: 0, right: 0, top: 100, bottom: 0 });
    expect(p.canvas).toEqual({ width: 3000, height: 500 });
    expect(p.windows.length).toBeGreaterThan(5);
    const covered = new Set<number>();
    for (const w of p.windows) for (let x = w.x; x < w.x + w.width; x++) if (w.y === 0) covered.add(x);
    expect(covered.size).toBe(3000);
    // Neighbours overlap (for seam feathering).
    expect(p.windows[1]!.x).toBeLessThan(p.windows[0]!.x + p.windows[0]!.width);
    expect(() => planOutpaint(10, 10, { left: 0, right: 0, top: 0, bottom: 0 })).toThrow(/Nothing to extend/);
  });
});

describe('latent preview', () => {
  it('maps the 4 latent channels to a w×h RGB thumbnail', () => {
    const [w, h] = [2, 1];
    const lat = new Float32Array(8); // channel-major [4,1,2]
    lat[0] = 1; // pixel 0: channel 0 = 1 → (0.298, 0.207, 0.208)
    const p = latentPreview(lat, w, h);
    expect(p.rgb.length).toBe(6);
    expect([...p.rgb.slice(0, 3)]).toEqual([Math.round(1.298 * 127.5), Math.round(1.207 * 127.5), Math.round(1.208 * 127.5)]);
    expect([...p.rgb.slice(3)]).toEqual([128, 128, 128]);
  });
});

describe('honest failures', () => {
  it('black or flat outputs from a non-black input are errors with a fix; a black input may stay black', async () => {
    const { checkNotBlank } = await import('../../../src-main/engine/diffusion/health');
    const input = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) % 256);
    const ctx = { half: false, device: 'cpu', packId: 'p' };
    expect(() => checkNotBlank(new Uint8Array(300), input, ctx)).toThrow(/all-black/);
    expect(() => checkNotBlank(new Uint8Array(300).fill(120), input, ctx)).toThrow(/flat/);
    expect(() => checkNotBlank(new Uint8Array(300), new Uint8Array(300), ctx)).not.toThrow();
  });
});
