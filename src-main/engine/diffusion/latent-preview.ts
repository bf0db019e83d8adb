// Runs in: engine process (pure). A cheap per-step preview: SD 1.x's 4 latent channels map to RGB almost
// linearly, so a fixed 4×3 matrix on the (scaled) latents gives a w×h thumbnail (1/8 of the crop) with
// no VAE run. The coefficients are the widely used least-squares fit for SD 1.x latents.

const LATENT_RGB = [
  [0.298, 0.207, 0.208],
  [0.187, 0.286, 0.173],
  [-0.158, 0.189, 0.264],
  [-0.184, -0.271, -0.473],
] as const;

export interface Preview {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** latents [4,h,w] (scaled, as the UNet sees them) → h×w 8-bit RGB, interleaved. */
export function latentPreview(latents: Float32Array, width: number, height: number): Preview {
  const plane = width * height;
  if (latents.length < 4 * plane) throw new RangeError(`latent preview needs 4×${width}×${height} values, got ${latents.length}`);
  const rgb = new Uint8Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) {
      let v = 0;
      for (let k = 0; k < 4; k++) v += latents[k * plane + i]! * LATENT_RGB[k]![c]!;
      // The fit maps to about [−1,1].
      const byte = Math.round((v + 1) * 127.5);
      rgb[i * 3 + c] = Number.isFinite(byte) ? Math.min(255, Math.max(0, byte)) : 0;
    }
  }
  return { width, height, rgb };
}
