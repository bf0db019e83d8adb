// Runs in: every process (pure schema, no Node/DOM/Electron). One magic-wand click as the document stores
// it: the seed in full-image pixels plus the options. The mask itself is never stored; src-shared/masks
// replayWand rebuilds it at preview or full resolution. Matches the WandStep interface there.
import { z } from 'zod';
import type { WandStep } from '../masks';

export const WandStepSchema = z.object({
  x: z.number(),
  y: z.number(),
  mode: z.enum(['add', 'subtract']),
  tolerance: z.number().int().min(0).max(255),
  edgeAware: z.boolean(),
  contiguous: z.boolean(),
});

// Compile-time check that the schema and the masks' interface stay the same shape.
const _sameShape: [z.infer<typeof WandStepSchema>, WandStep] extends [WandStep, z.infer<typeof WandStepSchema>] ? true : never = true;
