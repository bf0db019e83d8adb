// Runs in: engine process (pure). Paste-back of a generated crop as an RGBA patch (like the content-aware
// fill's): alpha 255 inside the mask, a feathered ramp outside it, 0 elsewhere, so the result is a layer
// over the untouched original; and the optional colour match of the generated region to its surroundings
// (VAE round trips shift colour: user-needs §2.2 #6), measured on a ring just outside the mask.
import { distanceSquared, type Rect } from '../../../src-shared/masks';

/** Feather width in image pixels for a crop: about 2 % of its longer side, 2..24 px. */
export function featherRadius(crop: Rect): number {
  return Math.min(24, Math.max(2, Math.round(Math.max(crop.width, crop.height) / 48)));
}

export interface BlendMasks {
  /** Per crop pixel: 255 in the mask, 255·(1 − d/r) within r outside it, else 0 (soft selections kept). */
  alpha: Uint8Array;
  /** 1 on the ring r < d ≤ r + ringWidth outside the mask: where colour statistics are compared. */
  ring: Uint8Array;
}

export function blendMasks(mask: Uint8Array, width: number, height: number, radius: number): BlendMasks {
  const d2 = distanceSquared({ width, height, data: mask }, true);
  const alpha = new Uint8Array(mask.length);
  const ring = new Uint8Array(mask.length);
  const ringOuter = radius + Math.max(4, 2 * radius);
  for (let i = 0; i < mask.length; i++) {
    const d = Math.sqrt(d2[i]!);
    const ramp = d === 0 ? 255 : d < radius ? Math.round(255 * (1 - d / radius)) : 0;
    alpha[i] = Math.max(ramp, mask[i]!);
    ring[i] = d > radius && d <= ringOuter ? 1 : 0;
  }
  return { alpha, ring };
}

/**
 * Shifts the generated crop's colours so that, on the ring, their per-channel mean and spread match the
 * original's. Gains are bounded (0.8..1.25) and offsets ±48 so a content change cannot be "corrected" away.
 */
export function colourMatch(generated: Uint8Array, original: Uint8Array, ring: Uint8Array): Uint8Array {
  const out = generated.slice();
  for (let c = 0; c < 3; c++) {
    let [n, sg, so, qg, qo] = [0, 0, 0, 0, 0];
    for (let i = 0; i < ring.length; i++) {
      if (!ring[i]) continue;
      const [g, o] = [generated[i * 3 + c]!, original[i * 3 + c]!];
      n++;
      sg += g;
      so += o;
      qg += g * g;
      qo += o * o;
    }
    if (n < 16) return out;
    const [mg, mo] = [sg / n, so / n];
    const [dg, dov] = [Math.sqrt(Math.max(0, qg / n - mg * mg)), Math.sqrt(Math.max(0, qo / n - mo * mo))];
    const gain = dg > 2 && dov > 2 ? Math.min(1.25, Math.max(0.8, dov / dg)) : 1;
    const offset = Math.min(48, Math.max(-48, mo - gain * mg));
    for (let i = 0; i < ring.length; i++) out[i * 3 + c] = Math.min(255, Math.max(0, Math.round(generated[i * 3 + c]! * gain + offset)));
  }
  return out;
}

export interface Patch {
  rgba: Uint8Array;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The RGBA patch over the tight box of alpha > 0, placed in image pixels (crop offset added). */
export function makePatch(generated: Uint8Array, alpha: Uint8Array, width: number, height: number, crop: Rect): Patch | null {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (alpha[y * width + x]) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  if (x1 < 0) return null;
  const [pw, ph] = [x1 - x0 + 1, y1 - y0 + 1];
  const rgba = new Uint8Array(pw * ph * 4);
  for (let y = 0; y < ph; y++)
    for (let x = 0; x < pw; x++) {
      const [s, d] = [(y0 + y) * width + x0 + x, (y * pw + x) * 4];
      rgba[d] = generated[s * 3]!;
      rgba[d + 1] = generated[s * 3 + 1]!;
      rgba[d + 2] = generated[s * 3 + 2]!;
      rgba[d + 3] = alpha[s]!;
    }
  return { rgba, x: crop.x + x0, y: crop.y + y0, width: pw, height: ph };
}
