// Runs in: every process. Payloads of SAM segmentation: prompts in image pixels in, compact low-res
// logits out (a click never carries a full-resolution mask across a process boundary).
import { z } from 'zod';
import { AssetIdSchema } from '../document/ids';
import { PackIdSchema } from '../models/catalog-schema';
import { EncodedLogitsSchema, PlacementSchema, PromptBoxSchema, PromptPointSchema, RectSchema } from '../document/value-schemas';
import { SessionFileSchema } from './payloads';

export { EncodedLogitsSchema, PlacementSchema, PromptBoxSchema, PromptPointSchema, RectSchema } from '../document/value-schemas';

const CacheHitSchema = z.enum(['memory', 'disk', 'computed']);

const ResultIdSchema = z.string().regex(/^r_[A-Za-z0-9_-]{6,64}$/);

export const PreviousLowResSchema = z.union([
  z.object({ resultId: ResultIdSchema, index: z.number().int().min(0).max(3), fallback: EncodedLogitsSchema.optional() }).strict(),
  z.object({ logits: EncodedLogitsSchema }).strict(),
]);

export const SegmentRunRequestSchema = z
  .object({
    assetId: AssetIdSchema,
    packId: PackIdSchema.optional(),
    points: z.array(PromptPointSchema).max(64),
    box: PromptBoxSchema.optional(),
    previousLowRes: PreviousLowResSchema.optional(),
    multimask: z.boolean().optional(),
    /** Same key = latest wins: a superseded pending request answers CANCELLED. */
    key: z.string().max(64).optional(),
    /**
     * 'hover': a preview of what a click would give. Its own latest-wins lane (never supersedes a click),
     * queued behind clicks, and never kept for refinement. Default 'click'.
     */
    lane: z.enum(['click', 'hover']).optional(),
    /**
     * 'chosen': only the chosen candidate's logits come back (what the click's frame shows); the others'
     * scores do, their logits follow from segment.candidates. Default 'all'.
     */
    candidateLogits: z.enum(['all', 'chosen']).optional(),
  })
  .strict();

export const SegmentRunResultSchema = z.object({
  resultId: ResultIdSchema,
  packId: PackIdSchema,
  family: z.enum(['sam1', 'sam2']),
  /** Every candidate's score; logits on all of them, or on the chosen one only (candidateLogits 'chosen'). */
  candidates: z
    .array(
      z.object({ index: z.number().int(), token: z.number().int().nullable(), score: z.number(), logits: EncodedLogitsSchema.optional() }),
    )
    .min(1)
    .max(4),
  chosen: z.number().int(),
  placement: PlacementSchema,
  timings: z.object({
    modelMs: z.number(),
    totalMs: z.number(),
    overheadMs: z.number(),
    embedding: CacheHitSchema,
    embeddingMs: z.number(),
  }),
});

/** Every candidate's logits of a held click result (those a 'chosen' reply left out). */
export const SegmentCandidatesRequestSchema = z.object({ assetId: AssetIdSchema, resultId: ResultIdSchema }).strict();
export const SegmentCandidatesResultSchema = z.object({
  candidates: z
    .array(z.object({ index: z.number().int(), logits: EncodedLogitsSchema }))
    .min(1)
    .max(4),
});

export const SegmentPrepareSchema = z.object({ packId: PackIdSchema, ms: z.number(), cached: CacheHitSchema });

/** A held result's candidate at full size, as an 8-bit PNG in the session folder (not megabytes over IPC). */
export const SegmentFullResRequestSchema = z
  .object({ assetId: AssetIdSchema, resultId: ResultIdSchema, index: z.number().int().min(0).max(3) })
  .strict();
export const SegmentFullResResultSchema = z.object({
  packId: PackIdSchema,
  mask: SessionFileSchema,
  score: z.number(),
  bbox: RectSchema.nullable(),
  area: z.number(),
});

/** Select everything: a grid of point prompts, filtered by confidence and stability, de-duplicated. */
export const SegmentEverythingRequestSchema = z
  .object({ assetId: AssetIdSchema, packId: PackIdSchema.optional(), grid: z.number().int().min(2).max(32).optional() })
  .strict();
export const SegmentEverythingResultSchema = z.object({
  packId: PackIdSchema,
  family: z.enum(['sam1', 'sam2']),
  placement: PlacementSchema,
  instances: z
    .array(
      z.object({
        point: z.object({ x: z.number(), y: z.number() }),
        score: z.number(),
        /** IoU of the masks at logit > +1 and > −1: how crisp the object is. */
        stability: z.number(),
        logits: EncodedLogitsSchema,
        bbox: RectSchema.nullable(),
        area: z.number(),
      }),
    )
    .max(64),
  ms: z.number(),
});
