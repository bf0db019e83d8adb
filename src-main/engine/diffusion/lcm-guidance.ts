// Runs in: engine process (pure). What an LCM UNet takes instead of classifier-free guidance: the guidance
// scale as a sinusoidal embedding (`timestep_cond`), diffusers' get_guidance_scale_embedding on
// w = guidance − 1 (LatentConsistencyModelPipeline): w·1000 times `dim/2` frequencies 10000^(−k/(dim/2 − 1)),
// sines then cosines, zero-padded to an odd `dim`.

export function guidanceEmbedding(guidance: number, dim: number): Float32Array {
  const w = (guidance - 1) * 1000;
  const half = Math.floor(dim / 2);
  const out = new Float32Array(dim);
  const step = Math.log(10000) / (half - 1);
  for (let k = 0; k < half; k++) {
    const angle = w * Math.exp(-step * k);
    out[k] = Math.sin(angle);
    out[half + k] = Math.cos(angle);
  }
  return out;
}

/** The known latents at the noise level of timestep t: √ᾱ_t·x0 + √(1 − ᾱ_t)·noise (diffusers' add_noise). */
export function noisedTo(x0: Float32Array, noise: Float32Array, alphaBar: number): Float32Array {
  const [a, b] = [Math.sqrt(alphaBar), Math.sqrt(1 - alphaBar)];
  const out = new Float32Array(x0.length);
  for (let i = 0; i < x0.length; i++) out[i] = a * x0[i]! + b * noise[i]!;
  return out;
}

/** Per latent position: the generated latents where the mask is 1, the known ones elsewhere (4 channels). */
export function blendKnown(x: Float32Array, known: Float32Array, mask: Float32Array): Float32Array {
  const plane = mask.length;
  const out = new Float32Array(x.length);
  for (let c = 0; c < 4; c++)
    for (let i = 0; i < plane; i++) {
      const m = mask[i]!;
      out[c * plane + i] = m * x[c * plane + i]! + (1 - m) * known[c * plane + i]!;
    }
  return out;
}
