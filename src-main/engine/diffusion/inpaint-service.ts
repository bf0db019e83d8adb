// Runs in: engine process (and the CLI). Generative fill of a mask on full-resolution pixels: plan the crop
// (crop.ts), scale it to the processing size with sharp, run the SD pipeline for each variant, scale back,
// colour-match and cut the feathered RGBA patch (blend.ts). Shared by inpaint.run and `anyfill inpaint`.
// Variants the pack's safety checker flags are listed as withheld, with a message; all flagged fails.
import sharp from 'sharp';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { area, bbox, type Mask, type Rect } from '../../../src-shared/masks';
import type { Pixels } from '../images/pixels';
import { blendMasks, colourMatch, featherRadius, makePatch, type Patch } from './blend';
import { cropMask, cropRgb, MODEL_SIDE, planCrop, resampleMask, type CropPlan } from './crop';
import { runInpaintPipeline, type PipelineHooks, type PipelineTimings } from './inpaint-pipeline';
import type { SchedulerName } from './schedulers/index';
import { allWithheldError, withheldMessage } from './safety';
import { freeMemory, generationNeed, memoryShortfall } from './memory-check';
import { findSdPack, openSdPack, type SdPack } from './sd-pack';
import { loadClipTokenizer } from './tokenizer/load-clip';
import type { PromptReport } from './tokenizer/clip-tokenizer';

export interface GenerateSettings {
  prompt: string;
  negativePrompt: string;
  seed: number;
  steps: number;
  guidance: number;
  strength: number;
  scheduler: SchedulerName;
  variants: number;
  packId?: string;
  colourMatch: boolean;
  /** Longer processing side (512 for SD 1.5; tests use less). */
  side?: number;
  /** Encode and decode with the installed tiny VAE (TAESD) instead of the pack's VAE: faster, blurrier. */
  tinyVae?: boolean;
}

export interface GenerateDeps extends PipelineHooks {
  modelsDir: string;
  /** Free memory now (memory-check.ts); tests pass a figure. */
  freeMemory?: () => number;
}

export interface InpaintOutcome {
  variants: Array<{ seed: number; patch: Patch }>;
  /** Seeds the safety checker flagged: not in variants, never as pixels. */
  withheld: Array<{ seed: number }>;
  /** Says how many were withheld, when any were. */
  message?: string;
  plan: CropPlan;
  timings: PipelineTimings & { prepareMs: number; blendMs: number; totalMs: number };
  promptReport: { prompt: PromptReport; negative: PromptReport };
  packId: string;
  device: string;
  /** An LCM pack ran it: one UNet row per step at its own few steps (lcm-settings.ts); the estimate counts so. */
  lcm: boolean;
}

/** The mask's box, refusing masks a generative fill cannot use. */
export function usableMaskBox(mask: Mask): Rect {
  const box = bbox(mask);
  if (!box) throw new AnyfillError('BAD_REQUEST', 'The mask is empty: select what to replace first.');
  if (area(mask) >= mask.width * mask.height)
    throw new AnyfillError(
      'BAD_REQUEST',
      'The mask covers the whole image: nothing is left as context. Shrink the selection (or outpaint instead).',
    );
  return box;
}

export async function inpaintPixels(pixels: Pixels, mask: Mask, s: GenerateSettings, deps: GenerateDeps): Promise<InpaintOutcome> {
  if (mask.width !== pixels.width || mask.height !== pixels.height) {
    throw new AnyfillError(
      'BAD_REQUEST',
      `The mask is ${mask.width}×${mask.height} but the image is ${pixels.width}×${pixels.height}: they must be the same size.`,
    );
  }
  const plan = planCrop(usableMaskBox(mask), pixels.width, pixels.height, s.side ?? MODEL_SIDE);
  const started = performance.now();
  const pack = await openPack(deps.modelsDir, s.packId, deps);
  const { crop, processing } = plan;
  const original = cropRgb(pixels.data, pixels.width, pixels.channels, crop);
  const maskCrop = cropMask(mask.data, mask.width, crop);
  const rgb = await resizeRgb(original, crop.width, crop.height, processing.width, processing.height);
  const maskSmall = resampleMask(maskCrop, crop.width, crop.height, processing.width, processing.height);
  const run = await generate(pack, { rgb, mask: maskSmall, ...processing }, s, deps);
  if (run.images.length === 0 && run.withheld.length > 0) throw allWithheldError(run.withheld.length);
  const blendAt = performance.now();
  const { alpha, ring } = blendMasks(maskCrop, crop.width, crop.height, featherRadius(crop));
  const variants: InpaintOutcome['variants'] = [];
  for (const img of run.images) {
    let back = await resizeRgb(img.rgb, processing.width, processing.height, crop.width, crop.height);
    if (s.colourMatch) back = colourMatch(back, original, ring);
    const patch = makePatch(back, alpha, crop.width, crop.height, crop);
    if (patch) variants.push({ seed: img.seed, patch });
  }
  const blendMs = performance.now() - blendAt;
  const totalMs = performance.now() - started;
  const prepareMs =
    totalMs - blendMs - run.timings.textMs - run.timings.encodeMs - run.timings.denoiseMs - run.timings.decodeMs - run.timings.safetyMs;
  const message = withheldMessage(run.withheld.length, s.variants);
  return {
    variants,
    withheld: run.withheld,
    ...(message ? { message } : {}),
    plan,
    timings: { ...run.timings, prepareMs, blendMs, totalMs },
    promptReport: run.report,
    packId: pack.packId,
    device: pack.device.name,
    lcm: pack.kind === 'lcm',
  };
}

/** The pack (sessions from the shared pool, opened once) for a request. */
export async function openPack(
  modelsDir: string,
  packId: string | undefined,
  deps: PipelineHooks & { freeMemory?: () => number },
): Promise<SdPack> {
  const manifest = await findSdPack(modelsDir, packId);
  // Before loading anything: a pack that cannot fit in the free memory is said, not discovered halfway.
  const short = memoryShortfall(
    manifest.packId,
    generationNeed(manifest, (role) => deps.pool.has(`${manifest.packId}/${role}`)),
    (deps.freeMemory ?? freeMemory)(),
  );
  if (short) throw short;
  return openSdPack(modelsDir, manifest, deps.pool);
}

/** Tokenise both prompts and run the pipeline for `variants` seeds (seed, seed + 1, …). */
export async function generate(pack: SdPack, input: Parameters<typeof runInpaintPipeline>[1], s: GenerateSettings, deps: GenerateDeps) {
  const tok = await loadClipTokenizer(deps.modelsDir, pack.manifest);
  const [prompt, negative] = [tok.encode(s.prompt), tok.encode(s.negativePrompt)];
  const seeds = Array.from({ length: s.variants }, (_, i) => (s.seed + i) % 0x100000000);
  const opts = {
    promptIds: prompt.ids,
    negativeIds: negative.ids,
    steps: s.steps,
    guidance: s.guidance,
    strength: s.strength,
    scheduler: s.scheduler,
    seeds,
    tinyVae: s.tinyVae === true,
  };
  const result = await runInpaintPipeline(pack, input, opts, deps);
  return { ...result, report: { prompt: prompt.report, negative: negative.report } };
}

/** Lanczos resize of interleaved RGB (sharp; a no-op when the size already matches). */
export async function resizeRgb(rgb: Uint8Array, w: number, h: number, tw: number, th: number): Promise<Uint8Array> {
  if (w === tw && h === th) return rgb;
  const out = await sharp(rgb, { raw: { width: w, height: h, channels: 3 } })
    .resize(tw, th, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
