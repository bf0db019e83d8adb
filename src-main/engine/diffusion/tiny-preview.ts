// Runs in: engine process. A step preview through the tiny VAE's decoder instead of the fixed latent→RGB
// matrix (latent-preview.ts): real colours and shapes at twice the latent preview's size. Latents wider than
// 32 are 2×2-averaged first (TAESD is fully convolutional), so a preview costs about a quarter of a full
// TAESD decode (≈ 18 GMAC at 512², 4–5 % of one UNet evaluation); the decoded image is box-averaged down.
import type { Preview } from './latent-preview';
import { LATENT_DOWN } from './prepare';
import type { RunDeps } from './sd-runs';
import { tinyDecode, type TinyVae } from './tiny-vae';

/** Scaled latents [4,h,w] → a 2w×2h RGB preview decoded by the tiny VAE. */
export async function tinyPreview(tiny: TinyVae, latents: Float32Array, w: number, h: number, deps: RunDeps): Promise<Preview> {
  const pool = w > 32 && w % 2 === 0 && h % 2 === 0 ? 2 : 1;
  const [pw, ph] = [w / pool, h / pool];
  const small = pool === 1 ? latents : avgPool(latents, 4, w, h, pool);
  const image = await tinyDecode(tiny.decoder, small, pw, ph, deps);
  return boxDown(image, pw * LATENT_DOWN, ph * LATENT_DOWN, LATENT_DOWN / (2 * pool));
}

/** [c,h,w] → [c,h/f,w/f], mean of each f×f block. */
export function avgPool(x: Float32Array, channels: number, w: number, h: number, f: number): Float32Array {
  const [ow, oh] = [w / f, h / f];
  const out = new Float32Array(channels * ow * oh);
  for (let c = 0; c < channels; c++)
    for (let y = 0; y < oh; y++)
      for (let xx = 0; xx < ow; xx++) {
        let sum = 0;
        for (let dy = 0; dy < f; dy++) for (let dx = 0; dx < f; dx++) sum += x[c * w * h + (y * f + dy) * w + xx * f + dx]!;
        out[c * ow * oh + y * ow + xx] = sum / (f * f);
      }
  return out;
}

/** [3,H,W] in [−1,1] → 8-bit interleaved RGB at W/f × H/f (block means, clipped; NaN → 0). */
export function boxDown(image: Float32Array, width: number, height: number, f: number): Preview {
  const pooled = f === 1 ? image : avgPool(image, 3, width, height, f);
  const [w, h] = [width / f, height / f];
  const plane = w * h;
  const rgb = new Uint8Array(3 * plane);
  for (let i = 0; i < plane; i++)
    for (let c = 0; c < 3; c++) {
      const byte = Math.round((pooled[c * plane + i]! / 2 + 0.5) * 255);
      rgb[i * 3 + c] = Number.isFinite(byte) ? Math.min(255, Math.max(0, byte)) : 0;
    }
  return { width: w, height: h, rgb };
}
