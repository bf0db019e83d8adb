// Runs in: renderer and CLI (pure). The removal setup: Remove in the editor and `anyfill run --action remove`
// inpaint with the same prompts, so a batch removes objects exactly as the button does.

/**
 * Remove = inpaint with a "background only" prompt and a negative prompt naming what people usually
 * remove, at strength 1 so nothing of the removed object is kept as a starting point (lower strengths
 * start from what is under the mask — the object itself — and tend to paint it back).
 */
export const REMOVAL = {
  prompt: 'empty background, natural continuation of the surroundings, seamless, high quality photo',
  negativePrompt: 'person, people, animal, object, text, letters, watermark, logo, signature, frame, blurry, artifacts',
  strength: 1,
} as const;
