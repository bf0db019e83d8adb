// Runs in: renderer. The Extend Canvas dialog's choices (kept for the session, not in the document).
import { create } from 'zustand';
import { extensionForAspect, type Extension } from '../../src-shared/outpaint/extension';

export const ASPECTS = [
  { label: '1:1', width: 1, height: 1 },
  { label: '4:3', width: 4, height: 3 },
  { label: '3:2', width: 3, height: 2 },
  { label: '16:9', width: 16, height: 9 },
  { label: '9:16', width: 9, height: 16 },
] as const;

export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface OutpaintState {
  readonly open: boolean;
  readonly mode: 'pixels' | 'aspect';
  readonly pixels: Readonly<Record<Side, number>>;
  /** An ASPECTS label. */
  readonly aspect: string;
  readonly prompt: string;
  /** null: a new random seed each run. */
  readonly seed: number | null;
}

export const useOutpaint = create<OutpaintState>()(() => ({
  open: false,
  mode: 'pixels',
  pixels: { left: 0, right: 256, top: 0, bottom: 0 },
  aspect: '16:9',
  prompt: '',
  seed: null,
}));
export const getOutpaint = useOutpaint.getState;
export const setOutpaint = (s: Partial<OutpaintState>): void => useOutpaint.setState(s);

/** What outpaint.run is asked to add; null when it would add nothing. */
export function extendRequest(
  s: OutpaintState,
): { left: number; right: number; top: number; bottom: number } | { aspect: { width: number; height: number } } | null {
  if (s.mode === 'aspect') {
    const a = ASPECTS.find((x) => x.label === s.aspect);
    return a ? { aspect: { width: a.width, height: a.height } } : null;
  }
  const p = s.pixels;
  return p.left + p.right + p.top + p.bottom > 0 ? { ...p } : null;
}

/** What each side gains for a photo of `size` (as the engine computes it); null when nothing. */
export function extensionFor(s: OutpaintState, size: { width: number; height: number }): Extension | null {
  const r = extendRequest(s);
  if (!r) return null;
  const ext = 'aspect' in r ? extensionForAspect(size.width, size.height, r.aspect.width, r.aspect.height) : r;
  return ext.left + ext.right + ext.top + ext.bottom > 0 ? ext : null;
}
