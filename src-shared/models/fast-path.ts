// Runs in: every process. The few-step generation paths a pack may offer, and what the estimate dialog
// switches to when the user takes one ("Faster: LCM, 4 steps"). LCM (Luo et al. 2023): 2–8 steps with the
// LCM scheduler and no classifier-free guidance; the guidance scale is fed to the UNet as an embedding of
// w = guidance − 1 (diffusers' LatentConsistencyModelPipeline), 8 being the LCM Dreamshaper card's value.
import { z } from 'zod';
import type { CatalogPack } from './catalog-schema';

export const FastPathSchema = z.object({
  kind: z.literal('lcm'),
  /** What the offer calls it: "LCM". */
  label: z.string().max(40),
  /** The steps the offer switches to, and the most the path accepts. */
  steps: z.number().int().min(1).max(8),
  maxSteps: z.number().int().min(1).max(8),
  guidance: z.number().min(1).max(30),
  scheduler: z.literal('lcm'),
});
export type FastPath = z.infer<typeof FastPathSchema>;

export const LCM_FAST_PATH: FastPath = { kind: 'lcm', label: 'LCM', steps: 4, maxSteps: 8, guidance: 8, scheduler: 'lcm' };

/** The fast path of a pack: its catalog entry's, or what its layout implies (stand-ins, imported packs). */
export function fastPathOf(pack: { layout: CatalogPack['layout']; fastPath?: CatalogPack['fastPath'] }): FastPath | undefined {
  return pack.fastPath === 'lcm' || pack.layout === 'sd-lcm-optimum' ? LCM_FAST_PATH : undefined;
}
