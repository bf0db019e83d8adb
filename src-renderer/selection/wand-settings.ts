// Runs in: renderer. The magic wand's options (session view state, not in the document; each click
// stores the options it used, so changing them never changes an existing selection).
import { create } from 'zustand';

export interface WandSettings {
  /** 0…255: how far a colour may be from the clicked one. */
  readonly tolerance: number;
  /** Stop at strong edges even where colours stay within tolerance. */
  readonly edgeAware: boolean;
  /** Only the region connected to the click (off: every similar pixel in the image). */
  readonly contiguous: boolean;
}

export const useWandSettings = create<WandSettings>()(() => ({ tolerance: 32, edgeAware: true, contiguous: true }));
export const getWandSettings = useWandSettings.getState;
export const setWandSettings = (s: Partial<WandSettings>): void => useWandSettings.setState(s);
