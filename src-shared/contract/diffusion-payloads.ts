// Runs in: every process. Generative fill (SD 1.5 inpainting) and outpaint as jobs: requests, results, and
// the plan the UI shows before generating (the crop rectangle and the resolution the model works at).
import { z } from 'zod';
import { AssetIdSchema, JobIdSchema } from '../document/ids';
import { SelectionLayerSchema } from '../document/selection';
import { PackIdSchema } from '../models/catalog-schema';
import { AssetInfoSchema, SessionFileSchema } from './payloads';
import { packFiles, PixelSha256Schema, resultHashes } from './provenance-payloads';
import { MaskGrowSchema, RectSchema, SchedulerNameSchema } from '../document/value-schemas';

export { MaskGrowSchema, SCHEDULER_NAMES, SchedulerNameSchema } from '../document/value-schemas';

const SizeSchema = z.object({ width: z.number().int().positive(), height: z.number().int().positive() });

/** The generation settings inpaint and outpaint share. */
const generation = {
  jobId: JobIdSchema,
  assetId: AssetIdSchema,
  prompt: z.string().max(4000),
  negativePrompt: z.string().max(4000).default(''),
  seed: z.number().int().min(0).max(0xffffffff),
  steps: z.number().int().min(1).max(150),
  /** Classifier-free guidance; ≤ 1 turns it off (one UNet row per step). */
  guidance: z.number().min(0).max(30),
  scheduler: SchedulerNameSchema,
  /** An installed sd-inpaint pack; the default one when absent. */
  packId: PackIdSchema.optional(),
  /** Longest side of each result's proxy (as image.open). */
  maxProxySide: z.number().int().min(64).max(8192),
};

export const InpaintRequestSchema = z
  .object({
    ...generation,
    /** The selection to repaint, replayed at full resolution by the engine. */
    selection: SelectionLayerSchema,
    /** 1: from pure noise; lower keeps more of what is under the mask. */
    strength: z.number().gt(0).max(1),
    /** Variants, seeds seed, seed + 1, …. */
    variants: z.number().int().min(1).max(8),
    /** Match the generated region's colour to its surroundings (VAE colour drift). */
    colourMatch: z.boolean().default(true),
    /** Grow the mask by this many pixels first: SAM and box masks sit a few px inside an object's edge. */
    maskGrow: MaskGrowSchema.default(0),
    /** Encode and decode with the installed tiny VAE (TAESD) instead of the pack's VAE; default off (quality). */
    tinyVae: z.boolean().optional(),
  })
  .strict();
export type InpaintRequest = z.infer<typeof InpaintRequestSchema>;

/** What the 77-token limit cut from a prompt. */
export const PromptReportSchema = z.object({
  truncated: z.boolean(),
  tokens: z.number().int(),
  kept: z.number().int(),
  dropped: z.string(),
});

const TimingsSchema = z.record(z.string(), z.number());

export const InpaintResultSchema = z.object({
  /** One RGBA layer per variant: opaque over the mask, a feathered edge, transparent elsewhere. */
  variants: z.array(
    z.object({
      asset: AssetInfoSchema,
      proxy: SessionFileSchema,
      x: z.number().int(),
      y: z.number().int(),
      seed: z.number().int(),
      resultSha256: PixelSha256Schema.optional(),
    }),
  ),
  /** Seeds of the variants the pack's optional safety checker flagged: no asset, nothing to show. */
  withheld: z.array(z.object({ seed: z.number().int() })),
  /** For the user when any were withheld: "2 of 3 variants were withheld by the safety checker …". */
  message: z.string().optional(),
  cropRect: RectSchema,
  processingSize: SizeSchema,
  timings: TimingsSchema,
  promptReport: z.object({ prompt: PromptReportSchema, negative: PromptReportSchema }),
  packId: z.string(),
  device: z.string(),
  inputSha256: resultHashes.inputSha256,
  ...packFiles,
});
export type InpaintResult = z.infer<typeof InpaintResultSchema>;

export const InpaintPlanRequestSchema = z
  .object({ assetId: AssetIdSchema, selection: SelectionLayerSchema, maskGrow: MaskGrowSchema.optional() })
  .strict();
export const InpaintPlanSchema = z.object({ cropRect: RectSchema, processingSize: SizeSchema });

const px = z.number().int().min(0).max(8192);
export const OutpaintRequestSchema = z
  .object({
    ...generation,
    /** Pixels to add per side, or a target aspect ratio (the short dimension grows, evenly on both sides). */
    extend: z.union([
      z.object({ left: px, right: px, top: px, bottom: px }).strict(),
      z.object({ aspect: z.object({ width: z.number().positive().max(100), height: z.number().positive().max(100) }) }).strict(),
    ]),
    /** How the new area is pre-filled before it is repainted. */
    prefill: z.enum(['stretch', 'mirror']).default('mirror'),
  })
  .strict();
export type OutpaintRequest = z.infer<typeof OutpaintRequestSchema>;

export const OutpaintResultSchema = z.object({
  /** The grown canvas as a new opaque asset; the original's pixels are in it unchanged. */
  asset: AssetInfoSchema,
  proxy: SessionFileSchema,
  /** Where the original's top-left corner sits in the new canvas. */
  offset: z.object({ x: z.number().int(), y: z.number().int() }),
  windows: z.array(RectSchema),
  seed: z.number().int(),
  timings: TimingsSchema,
  promptReport: z.object({ prompt: PromptReportSchema, negative: PromptReportSchema }),
  packId: z.string(),
  device: z.string(),
  ...resultHashes,
  ...packFiles,
});
export type OutpaintResult = z.infer<typeof OutpaintResultSchema>;
