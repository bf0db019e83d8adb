// Runs in: every process. The learned eraser's plan, shown on the canvas before Remove: the crops it will
// run on (one per group of nearby objects), in image pixels.
import { z } from 'zod';
import { AssetIdSchema } from '../document/ids';
import { SelectionLayerSchema } from '../document/selection';
import { RectSchema } from './segment-payloads';

export const ErasePlanRequestSchema = z.object({ assetId: AssetIdSchema, selection: SelectionLayerSchema }).strict();
/** At most a few hundred crops: each is at least 512 px square and they do not overlap. */
export const ErasePlanSchema = z.object({ crops: z.array(RectSchema).max(4096) });
