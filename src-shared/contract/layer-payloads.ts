// Runs in: every process. layer.clear: Delete with a selection on a result layer (a fill, an applied
// candidate): the layer's pixels under the selection become transparent, as a new asset (the old one
// stays for undo). The photo itself is never changed.
import { z } from 'zod';
import { AssetIdSchema } from '../document/ids';
import { SelectionLayerSchema } from '../document/selection';
import { AssetInfoSchema, SessionFileSchema } from './payloads';

export const LayerClearRequestSchema = z
  .object({
    /** The result layer's pixels. */
    assetId: AssetIdSchema,
    /** The selection, made on its own image. */
    selection: SelectionLayerSchema,
    /** Where the result layer's top-left lies in the selection image's pixels. */
    offsetX: z.number().int().min(-1_000_000).max(1_000_000),
    offsetY: z.number().int().min(-1_000_000).max(1_000_000),
    maxProxySide: z.number().int().min(64).max(8192),
  })
  .strict();

export const LayerClearResultSchema = z.object({
  /** null when the selection covers none of the layer's visible pixels (nothing changes). */
  cleared: z.object({ asset: AssetInfoSchema, proxy: SessionFileSchema }).nullable(),
  /** Pixels made transparent. */
  pixels: z.number().int().min(0),
});
