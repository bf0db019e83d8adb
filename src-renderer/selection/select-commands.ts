// Runs in: renderer. The selection habits every editor has: Select All (Ctrl+A), Deselect (Ctrl+D, and
// Escape/Enter when nothing else is open); Invert is mask-ops/commands.ts. Deselecting also makes the photo
// under the selection the active layer, so the Layers, Refine and Fill panels agree that nothing is
// selected (a closed selection stays in the list; click it to reopen it).
import type { AssetId } from '../../src-shared/document/ids';
import type { ImageLayer } from '../../src-shared/document/types';
import { getState, setState } from '../core/state/editor-store';
import { showNotice } from '../core/state/messages';
import { deleteLayer } from '../core/state/layer-actions';
import { clearLayerUnder } from './clear-layer';
import { imageLayerOf } from '../core/viewport/geometry';
import { createSelection, findSelection, getActiveSelection, setActiveSelection } from './selection-actions';

/** The selection the selection commands act on: the open one, else the active layer when it is one. */
export const commandSelection = () => getActiveSelection() ?? findSelection(getState().activeLayerId);

/** Close the open selection and make its photo the active layer. */
export function deselect(): void {
  const sel = commandSelection();
  setActiveSelection(null);
  if (!sel) return;
  const { document, activeLayerId } = getState();
  // Another image layer chosen meanwhile stays active; only a selection gives way to its photo.
  if (document?.layers.find((l) => l.id === activeLayerId)?.kind === 'image') return;
  const photo = imageLayerOf(document, sel.assetId as AssetId);
  if (photo) setState({ activeLayerId: photo.id });
}

/** The image Select All covers: the active layer's image, else the photo at the bottom of the stack. */
function imageForSelectAll(): ImageLayer | null {
  const { document, activeLayerId } = getState();
  const active = document?.layers.find((l) => l.id === activeLayerId);
  if (active?.kind === 'image') return active;
  const sel = commandSelection();
  if (sel) return imageLayerOf(document, sel.assetId as AssetId);
  return (document?.layers.find((l) => l.kind === 'image') as ImageLayer | undefined) ?? null;
}

/** A new selection of the whole image (an empty mask inverted): one undo step, open for refining. */
export function selectAll(): void {
  const img = imageForSelectAll();
  if (!img) return;
  createSelection(
    { assetId: img.assetId as AssetId, prompt: { points: [] }, sam: null, name: 'All', ops: [{ kind: 'invert' }] },
    'Select all',
  );
}

/**
 * Delete/Backspace, as in Photoshop: with a result layer active (any image but the selection's own photo)
 * its pixels under the selection are cleared; otherwise the selection itself goes. One undo step either
 * way; a photo layer never goes (that is Layer › Delete Layer).
 */
export function deleteSelection(): void {
  const sel = commandSelection();
  if (!sel) {
    showNotice('Nothing is selected. To delete a layer, use Layer › Delete Layer.');
    return;
  }
  const { document, activeLayerId } = getState();
  const active = document?.layers.find((l) => l.id === activeLayerId);
  const photo = imageLayerOf(document, sel.assetId as AssetId);
  if (active?.kind === 'image' && active.assetId !== sel.assetId && photo) {
    void clearLayerUnder(active, sel);
    return;
  }
  deleteLayer(sel.id);
  if (photo && getState().document?.layers.some((l) => l.id === photo.id)) setState({ activeLayerId: photo.id });
}
