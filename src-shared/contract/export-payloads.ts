// Runs in: every process. Layered export (issue 6): what the user chose to write, and layers.json, the
// manifest that says which file holds which layer, where it sits and how it composites.
import { z } from 'zod';
import { EditorDocumentSchema } from '../document/types';
import { ExportResultSchema } from './payloads';

export const ExportChoicesSchema = z
  .object({
    /** Each image layer as a PNG (RGB when opaque, RGBA for results such as fills). */
    layers: z.boolean(),
    /** Each selection's mask: 8-bit grey, the size of the image it selects on. */
    masks: z.boolean(),
    /** Each selection's pixels with the mask as alpha, cropped to the mask's bounding box. */
    cutouts: z.boolean(),
    /** composite.png: what document.exportPng gives. */
    composite: z.boolean(),
    /** A layered PSD. */
    psd: z.boolean(),
  })
  .strict();
export type ExportChoices = z.infer<typeof ExportChoicesSchema>;

/** What a session export holds: Export PNG's image, the layered folder as a zip, the layered PSD, or a project. */
export const ExportFormatSchema = z.enum(['png', 'zip', 'psd', 'anyfill']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const DEFAULT_EXPORT_CHOICES: ExportChoices = { layers: true, masks: true, cutouts: true, composite: true, psd: true };

const someChoice = (c: ExportChoices) => Object.values(c).some(Boolean);
const NOTHING = { message: 'Choose at least one thing to export.' };

/** A placed file in the folder: its name and its top-left corner in document pixels. */
const PlacedFileSchema = z.object({
  file: z.string(),
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
});

export const ManifestLayerSchema = z.object({
  /** 0 = bottom; composite in increasing order. */
  index: z.number().int().nonnegative(),
  id: z.string(),
  name: z.string(),
  kind: z.enum(['image', 'selection']),
  /** The layer's own PNG (image: its pixels; selection: its mask); null when that choice was off. */
  file: z.string().nullable(),
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  opacity: z.number(),
  visible: z.boolean(),
  /** The file carries the source's ICC profile (converted into it) and EXIF. */
  sourceProfile: z.boolean().optional(),
  /** Selections: the mask PNG (same as file). */
  mask: z.string().optional(),
  /** Selections: the cut-out, absent when the mask is empty or cut-outs were off. */
  cutout: PlacedFileSchema.optional(),
});
export type ManifestLayer = z.infer<typeof ManifestLayerSchema>;

export const LayersManifestSchema = z.object({
  version: z.literal(1),
  document: z.object({ name: z.string(), width: z.number().int(), height: z.number().int() }),
  /** composite.png, or null when not chosen. */
  composite: z.string().nullable(),
  /** The PSD's name when it was written into this folder. */
  psd: z.string().optional(),
  layers: z.array(ManifestLayerSchema),
  /** Every file written, layers.json included. */
  files: z.array(z.string()),
});
export type LayersManifest = z.infer<typeof LayersManifestSchema>;

export const ExportLayersRequestSchema = z
  .object({ document: EditorDocumentSchema, choices: ExportChoicesSchema.refine(someChoice, NOTHING) })
  .strict();
export const ExportLayersResultSchema = z.object({
  /** The folder as one zip (null when only the PSD was chosen). */
  zip: ExportResultSchema.nullable(),
  psd: ExportResultSchema.nullable(),
  manifest: LayersManifestSchema,
});

export const ExportLayersToRequestSchema = z
  .object({
    document: EditorDocumentSchema,
    /** Absolute folder path (hosts and the CLI only); created when missing. */
    dir: z.string().min(1).max(4096),
    choices: ExportChoicesSchema.refine(someChoice, NOTHING),
  })
  .strict();
export const ExportLayersToResultSchema = z.object({ dir: z.string(), manifest: LayersManifestSchema });
