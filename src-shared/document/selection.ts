// Runs in: every process. A selection object: one mask the user builds from every prompt kind — clicks,
// a box, a text detection, its previous mask (SAM mask_input), brush strokes — and refines with mask
// operations. [Note: selection] The mask is never stored as pixels in the document: it is the SAM
// result's compact low-res logits, then magic-wand clicks, then the strokes, then the operations, replayed in that order at any
// resolution (preview in the renderer, full size in the engine) with the pure code in src-shared/masks.
import { z } from 'zod';
import { AssetIdSchema, LayerIdSchema } from './ids';
import { EncodedLogitsSchema, PlacementSchema, PromptBoxSchema, PromptPointSchema } from './value-schemas';
import { WandStepSchema } from './wand';

export const MaskOpSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fillHoles') }),
  z.object({ kind: z.literal('removeIslands'), minArea: z.number().int().min(1).max(10_000_000) }),
  /** Negative px shrinks. */
  z.object({ kind: z.literal('grow'), px: z.number().min(-1000).max(1000) }),
  z.object({ kind: z.literal('feather'), radius: z.number().min(0).max(500) }),
  z.object({ kind: z.literal('smooth'), radius: z.number().min(0).max(200) }),
  z.object({ kind: z.literal('invert') }),
]);
export type MaskOp = z.infer<typeof MaskOpSchema>;

/** One brush stroke in image pixels (after EXIF orientation); replayed with src-shared/masks applyStrokes. */
export const BrushStrokeSchema = z.object({
  mode: z.enum(['add', 'erase']),
  radius: z.number().positive().max(2000),
  hardness: z.number().min(0).max(1),
  points: z
    .array(z.object({ x: z.number(), y: z.number() }))
    .min(1)
    .max(20_000),
});
export type BrushStroke = z.infer<typeof BrushStrokeSchema>;

export const SelectionLayerSchema = z.object({
  id: LayerIdSchema,
  kind: z.literal('selection'),
  name: z.string().min(1).max(200),
  visible: z.boolean(),
  /** Overlay colour, "#rrggbb". */
  colour: z.string().regex(/^#[0-9a-f]{6}$/),
  /** The image it selects on (its pixels are what SAM saw). */
  assetId: AssetIdSchema,
  /** What the user gave SAM; reopening the selection adds to these. */
  prompt: z.object({
    points: z.array(PromptPointSchema).max(64),
    box: PromptBoxSchema.optional(),
    /** The text detection this selection came from, if any. */
    detection: z.object({ label: z.string(), score: z.number(), box: PromptBoxSchema }).optional(),
  }),
  /** The SAM result the mask starts from; null for a brush-only selection. */
  sam: z
    .object({
      packId: z.string(),
      /** Names the engine's exact logits while it still holds them (refinement); may have expired. */
      resultId: z.string().optional(),
      candidateIndex: z.number().int().min(0).max(3),
      logits: EncodedLogitsSchema,
      placement: PlacementSchema,
    })
    .nullable(),
  /** Magic-wand clicks, replayed on the image's pixels after the SAM mask (absent: none). */
  wand: z.array(WandStepSchema).max(200).optional(),
  strokes: z.array(BrushStrokeSchema).max(10_000),
  ops: z.array(MaskOpSchema).max(100),
});
export type SelectionLayer = z.infer<typeof SelectionLayerSchema>;
