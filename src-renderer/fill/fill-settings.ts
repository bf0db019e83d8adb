// Runs in: renderer. The user's content-aware fill choices (kept for the session, not in the document).
import { create } from 'zustand';
import type { FillRequestSchema } from '../../src-shared/contract/job-payloads';
import type { z } from 'zod';

export type FillMethodChoice = z.infer<typeof FillRequestSchema>['method'];

export interface FillSettings {
  readonly method: FillMethodChoice;
  /** null: a new random seed each run (each run gives another variant); a number repeats a result exactly. */
  readonly seed: number | null;
  /** The method the last fill used, as the panel names it ("MI-GAN (migan-512), 0.4 s"); null before the first. */
  readonly lastUsed: string | null;
}

export const useFillSettings = create<FillSettings>()(() => ({ method: 'auto', seed: null, lastUsed: null }));
export const getFillSettings = useFillSettings.getState;
export const setFillSettings = (s: Partial<FillSettings>): void => useFillSettings.setState(s);
