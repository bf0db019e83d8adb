// Runs in: renderer. The user's generative-fill choices (kept for the session, not in the document).
// Defaults are SD 1.5 inpainting's usual ones; the advanced part of the panel is collapsed until asked for.
import { create } from 'zustand';
import type { SCHEDULER_NAMES } from '../../src-shared/contract/diffusion-payloads';

export type SchedulerChoice = (typeof SCHEDULER_NAMES)[number];

export interface GenerateSettings {
  readonly prompt: string;
  readonly negativePrompt: string;
  /** Candidates per run (1–4): several to compare is the point of the feature. */
  readonly variants: number;
  readonly steps: number;
  readonly guidance: number;
  /** 1 repaints from noise; lower keeps more of what is under the selection. */
  readonly strength: number;
  readonly scheduler: SchedulerChoice;
  /** null: a new random seed each run; a number repeats a result exactly. */
  readonly seed: number | null;
  readonly colourMatch: boolean;
  /** Pixels the mask is grown by before generating (SAM and box masks sit a few px inside the edge). */
  readonly maskGrow: number;
  /** An installed SD pack, or null for the engine's default one. */
  readonly packId: string | null;
  readonly advancedOpen: boolean;
}

export const DEFAULT_GENERATE: GenerateSettings = {
  prompt: '',
  negativePrompt: '',
  variants: 3,
  steps: 25,
  guidance: 7.5,
  strength: 1,
  scheduler: 'dpmpp-2m-karras',
  seed: null,
  colourMatch: true,
  maskGrow: 4,
  packId: null,
  advancedOpen: false,
};

export const SCHEDULER_LABELS: Record<SchedulerChoice, string> = {
  'dpmpp-2m-karras': 'DPM++ 2M Karras',
  'euler-a': 'Euler ancestral',
  ddim: 'DDIM',
  pndm: 'PNDM',
  lcm: 'LCM (LCM weights only)',
};

export const useGenerateSettings = create<GenerateSettings>()(() => DEFAULT_GENERATE);
export const getGenerateSettings = useGenerateSettings.getState;
export const setGenerateSettings = (s: Partial<GenerateSettings>): void => useGenerateSettings.setState(s);

/** Said with the crop: the mask the model repaints is the selection grown by this much. */
export const growNote = (px: number): string => (px > 0 ? `, mask grown by ${px} px` : '');

/** Clamp a typed number into [min, max]; NaN keeps the fallback. */
export function clampNumber(text: string, min: number, max: number, fallback: number, integer = true): number {
  const n = integer ? Number.parseInt(text, 10) : Number.parseFloat(text);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, n));
}
