// Runs in: renderer. A magic-wand click: a new selection object, or (Shift / Alt) a step added to or
// subtracted from the open one — one undo step either way. Runs no model: it works before any download.
import type { AssetId } from '../../src-shared/document/ids';
import type { WandStep } from '../../src-shared/masks';
import { createSelection, getActiveSelection, updateSelection } from './selection-actions';
import { getWandSettings } from './wand-settings';

import type { SelectMode } from '../core/tools/modifiers';

export type WandMode = SelectMode;

/** `point` is in the image's own (upright) pixels. */
export function wandClick(assetId: AssetId, point: { x: number; y: number }, mode: WandMode): void {
  const { tolerance, edgeAware, contiguous } = getWandSettings();
  const step: WandStep = { x: point.x, y: point.y, mode: mode === 'subtract' ? 'subtract' : 'add', tolerance, edgeAware, contiguous };
  const open = getActiveSelection();
  if (mode !== 'new' && open && open.assetId === assetId) {
    updateSelection(open.id, (d) => void (d.wand = [...(d.wand ?? []), step]), mode === 'add' ? 'Magic wand: add' : 'Magic wand: subtract');
    return;
  }
  // Subtracting with nothing open has nothing to subtract from: start a selection as a plain click would.
  createSelection({ assetId, prompt: { points: [] }, sam: null, wand: [{ ...step, mode: 'add' }] }, 'Magic wand: click');
}
