// Runs in: CLI (Node). The action of `anyfill run` on one image and its mask: replace = generative fill
// from --prompt; remove = generative fill with the editor's removal setup when an SD pack is installed,
// else content-aware fill (PatchMatch); an installed learned eraser (MI-GAN or LaMa, erase/eraser-pack.ts)
// comes first for remove. Either way the patch is composited over the original, so every pixel outside the
// feathered blend region keeps its bytes.
import { AnyfillError } from '../../src-shared/contract/errors';
import { REMOVAL } from '../../src-shared/generate/removal';
import type { Mask } from '../../src-shared/masks';
import { inpaintPixels, type GenerateSettings } from '../engine/diffusion/inpaint-service';
import { removeFill } from '../engine/erase/remove-fill';
import { runFill } from '../engine/fill/fill-client';
import { pastePatch } from '../engine/images/paste-patch';
import type { Pixels } from '../engine/images/pixels';
import type { InferenceQueue } from '../engine/runtime/inference-queue';
import type { SessionPool } from '../engine/runtime/session-pool';
import type { Packs } from './plan';
import type { BatchSettings, Method } from './report';

export interface ActionDeps {
  modelsDir: string;
  pool: SessionPool;
  queue: InferenceQueue;
  signal?: AbortSignal;
}

export interface ActionResult {
  method: Method;
  /** The whole image with the fill in it; null when the safety checker withheld the result. */
  pixels: Uint8Array | null;
  flagged: boolean;
  message?: string;
}

export async function applyAction(image: Pixels, mask: Mask, s: BatchSettings, packs: Packs, deps: ActionDeps): Promise<ActionResult> {
  if (s.method === 'migan' || s.method === 'lama') {
    const fillImage = { data: image.data, width: image.width, height: image.height, channels: image.channels };
    const { result } = await removeFill({ image: fillImage, mask: mask.data, method: s.method, seed: s.seed }, deps);
    return { method: s.method, pixels: pastePatch(fillImage, result), flagged: false };
  }
  if (s.method === 'content-aware-fill') {
    const fillImage = { data: image.data, width: image.width, height: image.height, channels: image.channels };
    const patch = await runFill(
      { image: fillImage, mask: mask.data, method: 'patchmatch', seed: s.seed },
      deps.signal ? { signal: deps.signal } : {},
    );
    return { method: s.method, pixels: pastePatch(fillImage, patch), flagged: false };
  }
  const setup = s.action === 'remove' ? REMOVAL : { prompt: s.prompt ?? '', negativePrompt: '', strength: 1 };
  const settings: GenerateSettings = {
    ...setup,
    seed: s.seed,
    steps: s.steps,
    guidance: 7.5,
    scheduler: 'dpmpp-2m-karras',
    variants: 1,
    colourMatch: true,
    side: s.size,
    ...(packs.sd ? { packId: packs.sd.packId } : {}),
  };
  try {
    const out = await inpaintPixels(image, mask, settings, deps);
    const v = out.variants[0];
    return {
      method: s.method,
      pixels: v ? pastePatch(image, v.patch) : Uint8Array.from(image.data),
      flagged: out.withheld.length > 0,
      ...(out.message ? { message: out.message } : {}),
    };
  } catch (err) {
    // Every variant flagged (one here): say so in the report; the image gets no result.
    if (err instanceof AnyfillError && err.detail?.startsWith('safety checker'))
      return { method: s.method, pixels: null, flagged: true, message: err.message };
    throw err;
  }
}
