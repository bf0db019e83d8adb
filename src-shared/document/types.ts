// Runs in: every process. The document model: what undo patches, saves and exports act on.
// [Note: document] The renderer owns the document; the engine owns pixels, keyed by AssetId.
// Layers are ordered bottom → top. Later issues add layer kinds (mask, result, selection) to the union.
import { z } from 'zod';
import { AssetIdSchema, DocumentIdSchema, LayerIdSchema } from './ids';
import { ProvenanceSchema } from './provenance';
import { SelectionLayerSchema } from './selection';

export const DOCUMENT_SCHEMA_VERSION = 1;

export const ImageLayerSchema = z.object({
  id: LayerIdSchema,
  kind: z.literal('image'),
  /** Shown in the layers panel; defaults to the file name. */
  name: z.string().min(1).max(200),
  /** Full-resolution pixels held by the engine. */
  assetId: AssetIdSchema,
  visible: z.boolean(),
  /** 0 (transparent) … 1 (opaque), applied when compositing. */
  opacity: z.number().min(0).max(1),
  /** Offset of the layer's top-left corner in document pixels. */
  x: z.number().int(),
  y: z.number().int(),
  /** Size in document pixels (equals the asset's decoded, upright size). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** How a result layer was made (fill, generative fill, outpaint): its pipeline log. */
  provenance: ProvenanceSchema.optional(),
});

export const LayerSchema = z.discriminatedUnion('kind', [ImageLayerSchema, SelectionLayerSchema]);

export const EditorDocumentSchema = z.object({
  id: DocumentIdSchema,
  schemaVersion: z.literal(DOCUMENT_SCHEMA_VERSION),
  /** Title shown in the window; the first image's file name. */
  name: z.string().min(1).max(260),
  /** Canvas size in pixels: what the composite export has. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  layers: z.array(LayerSchema).max(1000),
});

export type ImageLayer = z.infer<typeof ImageLayerSchema>;
export type Layer = z.infer<typeof LayerSchema>;
export type { SelectionLayer } from './selection';
export type EditorDocument = z.infer<typeof EditorDocumentSchema>;
