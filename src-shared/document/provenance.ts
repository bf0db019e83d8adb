// Runs in: every process. A result layer's pipeline log: what went in (the input's pixel hash, the
// selection as it was), the exact request, the model files, the app version, and what came out — enough
// to show the steps, export them as JSON and re-run them for the same bytes. No pixels: the document
// stays small (a SAM selection's logits are a few KB and are what the mask replays from).
import { z } from 'zod';
import { AssetIdSchema } from './ids';
import { SelectionLayerSchema } from './selection';
import { FillMethodSchema, MaskGrowSchema, PackFileHashSchema, PixelSha256Schema, SchedulerNameSchema } from './value-schemas';

export const ProvenanceKindSchema = z.enum(['content-aware-fill', 'generative-fill', 'remove', 'outpaint']);
export type ProvenanceKind = z.infer<typeof ProvenanceKindSchema>;

const px = z.number().int().min(0).max(8192);

/** The parameters as sent; a re-run sends them again (fill: the method auto resolved to). */
export const ProvenanceRequestSchema = z
  .object({
    seed: z.number().int().min(0).max(0xffffffff),
    method: FillMethodSchema.optional(),
    /** What the user chose ('auto' resolves to `method`). */
    requestedMethod: z.enum(['auto', 'patchmatch', 'telea', 'migan', 'lama']).optional(),
    prompt: z.string().max(4000).optional(),
    negativePrompt: z.string().max(4000).optional(),
    steps: z.number().int().min(1).max(150).optional(),
    guidance: z.number().min(0).max(30).optional(),
    strength: z.number().gt(0).max(1).optional(),
    scheduler: SchedulerNameSchema.optional(),
    colourMatch: z.boolean().optional(),
    /** Pixels the mask was grown by before generating (absent: 0, as before the setting existed). */
    maskGrow: MaskGrowSchema.optional(),
    /** The run this variant came from: its first seed and how many variants it made (seed = runSeed + i). */
    runSeed: z.number().int().min(0).max(0xffffffff).optional(),
    variants: z.number().int().min(1).max(8).optional(),
    extend: z.object({ left: px, right: px, top: px, bottom: px }).optional(),
    aspect: z.object({ width: z.number().positive().max(100), height: z.number().positive().max(100) }).optional(),
    prefill: z.enum(['stretch', 'mirror']).optional(),
  })
  .strict();
export type ProvenanceRequest = z.infer<typeof ProvenanceRequestSchema>;

export const ProvenanceModelSchema = z.object({
  packId: z.string().max(200),
  /** Where it ran ("CPU", "CUDA" …). */
  device: z.string().max(200).optional(),
  files: z.array(PackFileHashSchema).max(200),
});

export const ProvenanceSchema = z.object({
  kind: ProvenanceKindSchema,
  /** ISO 8601. */
  createdAt: z.string().max(40),
  appVersion: z.string().max(80),
  input: z.object({
    assetId: AssetIdSchema,
    sha256: PixelSha256Schema,
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  /** The selection as the engine replayed it (null for outpaint, which has none). */
  selection: SelectionLayerSchema.nullable(),
  request: ProvenanceRequestSchema,
  /** Empty for content-aware fill (no model). */
  models: z.array(ProvenanceModelSchema).max(8),
  /** x, y: where the result sits on its input image (outpaint: the input's offset in the grown canvas). */
  result: z.object({
    assetId: AssetIdSchema,
    sha256: PixelSha256Schema,
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  /** Milliseconds per phase as the engine measured them. */
  timings: z.record(z.string().max(60), z.number()),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;
