// Runs in: every process. Long-running engine jobs (content-aware fill now; inpaint and outpaint
// next): a request that resolves when the job ends, progress events naming its JobId, and cancel.
import { z } from 'zod';
import { AssetIdSchema, JobIdSchema } from '../document/ids';
import { SelectionLayerSchema } from '../document/selection';
import { AnyfillErrorSchema } from './errors';
import { AssetInfoSchema, SessionFileSchema } from './payloads';
import { packFiles, resultHashes } from './provenance-payloads';
import { FillMethodSchema, RectSchema } from '../document/value-schemas';

export { FillMethodSchema } from '../document/value-schemas';

export const JobKindSchema = z.enum(['fill', 'inpaint', 'outpaint']);

/** One job's state: queued behind others, running (done of total units), or its end. */
export const JobProgressSchema = z.object({
  jobId: JobIdSchema,
  kind: JobKindSchema,
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  /** Jobs ahead of this one while queued. */
  position: z.number().int().nonnegative().optional(),
  done: z.number().nonnegative(),
  total: z.number().positive(),
  /** What it is doing, for the status line ("Searching patches 3/5"). */
  phase: z.string().max(120),
  etaMs: z.number().nonnegative().optional(),
  /** The job is in its last part: only then may the time left read "almost done". */
  lastPart: z.boolean().optional(),
  /** A cheap look at the work in progress (diffusion: the current latents as a tiny WebP data URL). */
  preview: z
    .string()
    .max(24_000)
    .regex(/^data:image\/(webp|png);base64,/)
    .optional(),
  error: AnyfillErrorSchema.optional(),
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

/** migan: the learned eraser (when its pack is installed). */
export const FillRequestSchema = z
  .object({
    jobId: JobIdSchema,
    /** The image the selection was made on; the result covers it. */
    assetId: AssetIdSchema,
    /** The selection object, replayed at full resolution by the engine. */
    selection: SelectionLayerSchema,
    /** auto: the eraser Remove uses (MI-GAN, else LaMa, unless Use for Remove chose) when one is installed, else Telea for thin masks (scratches, wires), PatchMatch otherwise. */
    method: z.union([FillMethodSchema, z.literal('auto')]),
    seed: z.number().int().min(0).max(0xffffffff),
    /** Longest side of the result's proxy (as image.open). */
    maxProxySide: z.number().int().min(64).max(8192),
  })
  .strict();

/** The filled patch: a new RGBA asset, transparent outside the mask and its feathered edge. */
export const FillResultSchema = z.object({
  asset: AssetInfoSchema,
  proxy: SessionFileSchema,
  /** Where the patch sits on its image, in image pixels. */
  x: z.number().int(),
  y: z.number().int(),
  method: FillMethodSchema,
  seed: z.number().int(),
  ms: z.number(),
  /** The eraser pack that made it (method migan or lama), with its files' hashes for the pipeline log. */
  packId: z.string().max(64).optional(),
  device: z.string().max(200).optional(),
  ...packFiles,
  ...resultHashes,
});
export type FillResult = z.infer<typeof FillResultSchema>;

/** A selection object's mask at the image's full resolution, as the engine replays it for fills and exports. */
export const SelectionMaskRequestSchema = z.object({ selection: SelectionLayerSchema }).strict();
export const SelectionMaskResultSchema = z.object({
  /** 8-bit grey PNG at the image's size, 255 inside. */
  mask: SessionFileSchema,
  bbox: RectSchema.nullable(),
  area: z.number().int().nonnegative(),
});
