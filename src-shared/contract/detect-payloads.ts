// Runs in: every process. Payloads of text detection (Grounding DINO): numbered boxes in image pixels.
import { z } from 'zod';
import { AssetIdSchema } from '../document/ids';
import { PackIdSchema } from '../models/catalog-schema';
import { DeviceInfoSchema } from './model-payloads';

/** A rectangle in the pixels of the image as displayed (after EXIF orientation). */
export const BoxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });

export const DetectionSchema = z.object({
  /** 1-based, by score: what the canvas labels the box with. */
  index: z.number().int().min(1),
  /** The prompt's words above the text threshold, e.g. "red" for "a red ball". */
  label: z.string(),
  /** The whole phrase of the prompt this box belongs to. */
  phrase: z.string(),
  score: z.number().min(0).max(1),
  box: BoxSchema,
});

export const DetectRequestSchema = z
  .object({
    assetId: AssetIdSchema,
    // Generous: an over-long prompt is cut by the engine, which says what was cut.
    text: z.string().max(10_000),
    packId: PackIdSchema.optional(),
    boxThreshold: z.number().min(0).max(1).optional(),
    textThreshold: z.number().min(0).max(1).optional(),
  })
  .strict();

export const DetectResultSchema = z.object({
  packId: PackIdSchema,
  detections: z.array(DetectionSchema),
  /** E.g. what part of an over-long prompt was left out. */
  notices: z.array(z.string()),
  ms: z.number(),
  device: DeviceInfoSchema,
});
