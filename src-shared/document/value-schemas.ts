// Runs in: every process. The value schemas a document records: a selection's prompts, logits and their
// placement (selection.ts), and how a result was made (provenance.ts). The document sits below the
// contract, so they are defined here; the contract's payloads import and re-export them.
import { z } from 'zod';
import { Sha256Schema } from '../models/catalog-schema';

export const RectSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

/** label 1 = include, 0 = exclude; upright image pixels (after EXIF orientation). */
export const PromptPointSchema = z.object({ x: z.number(), y: z.number(), label: z.union([z.literal(0), z.literal(1)]) });
export const PromptBoxSchema = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });

/**
 * 256×256 Int8 logits (logit = q / scale) as gradient-predicted residuals, raw-DEFLATEd, base64 so the
 * same JSON crosses Electron IPC and the browser host's WebSocket. See src-main/engine/segment/types.ts.
 */
export const EncodedLogitsSchema = z.object({
  encoding: z.literal('i8-grad-deflate-raw'),
  size: z.literal(256),
  scale: z.union([z.literal(16), z.literal(4), z.literal(1)]),
  base64: z.string().max(100_000),
});

export const PlacementSchema = z.object({
  kind: z.enum(['sam1-crop', 'stretch']),
  width: z.number().int(),
  height: z.number().int(),
  crop: z.object({ width: z.number(), height: z.number() }),
  /** The image's part of the 256 grid: drawImage(lowRes, sourceRect → 0, 0, width, height). */
  sourceRect: RectSchema,
});

export const SCHEDULER_NAMES = ['ddim', 'pndm', 'euler-a', 'dpmpp-2m-karras', 'lcm'] as const;
export const SchedulerNameSchema = z.enum(SCHEDULER_NAMES);

/** Pixels a generative fill grows its mask by (the editor's default is 4). */
export const MaskGrowSchema = z.number().int().min(0).max(64);

export const FillMethodSchema = z.enum(['patchmatch', 'telea', 'migan', 'lama']);

export const PackFileHashSchema = z.object({ path: z.string().max(400), sha256: Sha256Schema });
export type PackFileHash = z.infer<typeof PackFileHashSchema>;

/** sha256 of decoded pixel bytes (8-bit, interleaved, row-major, no header). */
export const PixelSha256Schema = Sha256Schema;
