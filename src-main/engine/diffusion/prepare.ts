// Runs in: engine process (pure). diffusers' inpainting preparation (model-contracts §5.5) on pixels the
// crop step already scaled to the processing size: image x/127.5 − 1 as NCHW, masked image = image ×
// (mask < 0.5) (masked pixels become 0, mid-grey), the mask at latent size by nearest sampling and
// binarised, and the 9-channel UNet input [latents (scaled), mask, masked-image latents] per CFG row.

export const VAE_SCALE = 0.18215;
export const LATENT_DOWN = 8;

/** 8-bit interleaved RGB (3 channels) → [3,H,W] in [−1,1]. */
export function toNchw(rgb: Uint8Array, width: number, height: number): Float32Array {
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = rgb[i * 3 + c]! / 127.5 - 1;
  return out;
}

/** [3,H,W] in [−1,1] → 8-bit interleaved RGB: clip(x/2 + 0.5, 0, 1)·255, rounded. NaN becomes 0. */
export function fromNchw(x: Float32Array, width: number, height: number): Uint8Array {
  const plane = width * height;
  const out = new Uint8Array(3 * plane);
  for (let i = 0; i < plane; i++)
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.round(Math.min(1, Math.max(0, x[c * plane + i]! / 2 + 0.5)) * 255);
  return out;
}

/** The image with the repaint area set to 0 (mask ≥ 128 = repaint). */
export function maskedImage(image: Float32Array, mask: Uint8Array): Float32Array {
  const plane = mask.length;
  const out = image.slice();
  for (let i = 0; i < plane; i++) if (mask[i]! >= 128) out[i] = out[plane + i] = out[2 * plane + i] = 0;
  return out;
}

/** The mask at latent size (W/8 × H/8), nearest sample at each block's top-left pixel (PIL NEAREST), 0/1. */
export function latentMask(mask: Uint8Array, width: number, height: number): Float32Array {
  const [w, h] = [width / LATENT_DOWN, height / LATENT_DOWN];
  const out = new Float32Array(w * h);
  // PIL's nearest samples the source pixel under each target pixel's centre: floor((i + 0.5)·8).
  for (let y = 0; y < h; y++) {
    const sy = Math.min(height - 1, Math.floor((y + 0.5) * LATENT_DOWN));
    for (let x = 0; x < w; x++)
      out[y * w + x] = mask[sy * width + Math.min(width - 1, Math.floor((x + 0.5) * LATENT_DOWN))]! >= 128 ? 1 : 0;
  }
  return out;
}

/** The UNet input for `rows` CFG rows: [scale·latents (4), mask (1), masked latents (4)] each. */
export function unetSample(latents: Float32Array, scale: number, mask: Float32Array, masked: Float32Array, rows: number): Float32Array {
  const plane = mask.length;
  const per = 9 * plane;
  const out = new Float32Array(rows * per);
  for (let r = 0; r < rows; r++) {
    const at = r * per;
    for (let i = 0; i < 4 * plane; i++) out[at + i] = latents[i]! * scale;
    out.set(mask, at + 4 * plane);
    out.set(masked, at + 5 * plane);
  }
  return out;
}

/** Classifier-free guidance on a [uncond, cond] batch: uncond + g·(cond − uncond). */
export function guide(eps: Float32Array, g: number): Float32Array {
  const n = eps.length / 2;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = eps[i]! + g * (eps[n + i]! - eps[i]!);
  return out;
}

/** x · k, as float32. */
export function scaled(x: Float32Array, k: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! * k;
  return out;
}
