// Runs in: every process. generate.estimate: how long a generation would take on this machine before it
// starts (issue 17), from the pack's measured speed here (calibrated by the first run, kept in the models
// folder) or, before that, a rough figure from its published compute and a measured machine speed; and,
// when it is long, faster settings the user may pick instead (fewer variants or steps, LCM where a pack
// supports it).
import { z } from 'zod';
import { PackIdSchema } from '../models/catalog-schema';
import { SchedulerNameSchema } from './diffusion-payloads';

const SizeSchema = z.object({ width: z.number().int().min(64).max(4096), height: z.number().int().min(64).max(4096) });

/** The settings an estimate is for; an offer carries the same shape. */
export const EstimateSettingsSchema = z.object({
  variants: z.number().int().min(1).max(8),
  steps: z.number().int().min(1).max(150),
  guidance: z.number().min(0).max(30),
  strength: z.number().gt(0).max(1),
  scheduler: SchedulerNameSchema,
  /** An installed sd-inpaint pack; the default one when absent. */
  packId: PackIdSchema.optional(),
});
export type EstimateSettings = z.infer<typeof EstimateSettingsSchema>;

export const GenerateEstimateRequestSchema = z
  .object({
    settings: EstimateSettingsSchema,
    /** Generative fill / Remove: the plan's processing size. Extend Canvas: the photo and what each side gains. */
    job: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('inpaint'), processingSize: SizeSchema }).strict(),
      z
        .object({
          kind: z.literal('outpaint'),
          imageSize: z.object({ width: z.number().int().positive().max(100_000), height: z.number().int().positive().max(100_000) }),
          extend: z
            .object({
              left: z.number().int().min(0).max(8192),
              right: z.number().int().min(0).max(8192),
              top: z.number().int().min(0).max(8192),
              bottom: z.number().int().min(0).max(8192),
            })
            .strict(),
        })
        .strict(),
    ]),
  })
  .strict();
export type GenerateEstimateRequest = z.infer<typeof GenerateEstimateRequestSchema>;

const PartsSchema = z.object({
  loadMs: z.number(),
  textMs: z.number(),
  encodeMs: z.number(),
  denoiseMs: z.number(),
  decodeMs: z.number(),
  otherMs: z.number(),
});

export const GenerateEstimateSchema = z.object({
  packId: z.string(),
  /** The device the pack runs on ("cpu", "cuda", …). */
  device: z.string(),
  totalMs: z.number().nonnegative(),
  /** true: from this pack's measured speed on this machine; false: rough, from published compute. */
  calibrated: z.boolean(),
  /** The pack's sessions are open (no load time counted). */
  loaded: z.boolean(),
  parts: PartsSchema,
  /** Faster settings, fastest last; empty when the estimate is short or nothing faster applies. */
  offers: z.array(
    z.object({ label: z.string(), settings: EstimateSettingsSchema, totalMs: z.number().nonnegative(), calibrated: z.boolean() }),
  ),
});
export type GenerateEstimate = z.infer<typeof GenerateEstimateSchema>;
