// Runs in: engine process (and the CLI). [Note: safety checker] The optional SD safety checker
// (safety_checker/model.onnx, model-contracts §5.1, §5.5): when a pack has it, every decoded variant goes
// through it once, as diffusers does, and a flagged variant is withheld and reported — never returned as
// the checker's blacked-out image (out_images is not read) nor as a "success". Packs without it are unchanged.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { clipInput } from './clip-preprocess';
import { runSd, type RunDeps } from './sd-runs';
import type { SafetyChecker } from './types';

/**
 * true when the checker flags the image. `decoded` is the VAE output [3,H,W] in about [−1,1]; `images`
 * gets it as [1,H,W,3] in [0,1] and clip_input is built from the 8-bit `rgb`, as diffusers does.
 */
export async function isFlagged(
  checker: SafetyChecker,
  decoded: Float32Array,
  rgb: Uint8Array,
  width: number,
  height: number,
  deps: RunDeps,
): Promise<boolean> {
  const { crop } = checker.preprocess;
  const clip = await clipInput(rgb, width, height, checker.preprocess);
  const plane = width * height;
  const images = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++)
    for (let c = 0; c < 3; c++) images[i * 3 + c] = Math.min(1, Math.max(0, decoded[c * plane + i]! / 2 + 0.5));
  const feeds = {
    clip_input: { values: clip, dims: [1, 3, crop.height, crop.width] },
    images: { values: images, dims: [1, height, width, 3] },
  };
  const out = await runSd(checker.model, feeds, ['has_nsfw_concepts'], deps);
  return out.data[0] !== 0;
}

const SOURCE = 'the safety checker installed with this model pack';

/** "2 of 3 variants were withheld by …", or undefined when none was. */
export function withheldMessage(withheld: number, total: number): string | undefined {
  if (withheld === 0) return undefined;
  const what = total === 1 ? 'The result was' : `${withheld} of ${total} variants were`;
  return `${what} withheld by ${SOURCE}.`;
}

/** Every variant flagged: nothing to return, and a black image would read as a broken model. */
export function allWithheldError(total: number): AnyfillError {
  const what = total === 1 ? 'The result was' : `All ${total} variants were`;
  return new AnyfillError(
    'BAD_REQUEST',
    `${what} flagged and withheld by ${SOURCE}: try another prompt or seed. Nothing was changed.`,
    `safety checker: ${total} of ${total} flagged`,
  );
}

/** Outpaint cannot leave a hole in the canvas: a flagged window fails the whole request. */
export function outpaintWithheldError(): AnyfillError {
  return new AnyfillError(
    'BAD_REQUEST',
    `Part of the extended canvas was flagged and withheld by ${SOURCE}: try another prompt or seed. Nothing was changed.`,
    'safety checker: outpaint window flagged',
  );
}
