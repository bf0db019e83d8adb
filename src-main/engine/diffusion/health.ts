// Runs in: engine process (pure). [Note: honest failures] A diffusion run that "succeeds" with NaN, an
// all-black or a flat image is a failure users keep reporting as silent (user-needs §2.2 #7, §3.8). Each
// check throws an AnyfillError that says what happened and the fix to try; nothing of it is returned.
import { AnyfillError } from '../../../src-shared/contract/errors';

export interface HealthContext {
  /** The UNet has fp16 I/O (fp16 on CPU is the usual source of NaN, Pitfall 11). */
  half: boolean;
  device: string;
  packId: string;
}

/** NaN or ±Inf anywhere in latents or decoded pixels. */
export function checkFinite(values: Float32Array, where: 'latents' | 'image', ctx: HealthContext): void {
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i]!)) continue;
    const what = `The model produced invalid numbers (NaN/Inf) in the ${where === 'latents' ? 'denoising steps' : 'decoded image'}`;
    const fix = ctx.half
      ? ctx.device === 'cpu'
        ? 'this fp16 pack does not work on CPU: use the fp32 pack (sd15-inpaint)'
        : 'this fp16 pack overflowed: try the fp32 pack (sd15-inpaint) or fewer steps'
      : `verify the pack "${ctx.packId}" in Models…, or try another scheduler`;
    throw new AnyfillError('INTERNAL', `${what}; ${fix}. Nothing was changed.`, `${where}[${i}] = ${values[i]}`);
  }
}

/** Mean and standard deviation over every channel value of 8-bit pixels. */
export function stats(rgb: Uint8Array): { mean: number; std: number; max: number } {
  let [sum, sq, max] = [0, 0, 0];
  for (let i = 0; i < rgb.length; i++) {
    const v = rgb[i]!;
    sum += v;
    sq += v * v;
    if (v > max) max = v;
  }
  const mean = sum / Math.max(1, rgb.length);
  return { mean, std: Math.sqrt(Math.max(0, sq / Math.max(1, rgb.length) - mean * mean)), max };
}

/**
 * The decoded crop against its input: all black, or flat, where the input was not. (A black image that
 * was black going in is fine.) This is what a broken VAE looks like. (The safety checker's blackout is never
 * used: Anyfill reads only its verdict, see safety.ts.)
 */
export function checkNotBlank(output: Uint8Array, input: Uint8Array, ctx: HealthContext): void {
  const [out, inp] = [stats(output), stats(input)];
  if (out.max <= 8 && inp.max > 24) {
    throw new AnyfillError(
      'INTERNAL',
      `The model returned an all-black image${ctx.half ? ' (fp16 pack; use the fp32 pack sd15-inpaint on CPU)' : ''}: try another seed or prompt, or verify the pack in Models…. Nothing was changed.`,
    );
  }
  if (out.std < 0.5 && inp.std > 4) {
    throw new AnyfillError(
      'INTERNAL',
      `The model returned a flat, single-colour image (${Math.round(out.mean)} everywhere): try another seed or scheduler, or verify the pack "${ctx.packId}" in Models…. Nothing was changed.`,
    );
  }
}
