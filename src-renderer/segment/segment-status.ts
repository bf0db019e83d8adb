// Runs in: renderer. Whether the select tool can answer clicks on the open image: the embedding is
// computed in the background when an image opens or the tool is chosen (preparing → ready), and a
// failure says why — "no model installed" with the model manager as its fix.
import type { AssetId } from '../../src-shared/document/ids';
import { errorData, getApi, isCancelled, userMessage } from '../core/bridge/api';
import { getState } from '../core/state/editor-store';
import { showError } from '../core/state/messages';
import { warmMaskPath } from './warm-up';
import { getSelectionUi, setSelectionUi } from '../selection/api';

/** Is this a "no SAM model installed" answer? (The model manager is the fix.) */
export function isModelMissing(message: string): boolean {
  return /model|pack|install|download/i.test(message) && !/outside|box|click/i.test(message);
}

/** A click or box that failed: the message, and the model manager's button when no model is installed. */
export function segmentFailed(err: unknown): void {
  const message = userMessage(err, 'Selecting failed; the selection is unchanged.');
  const modelMissing = isModelMissing(message) && errorData(err).code !== 'BAD_REQUEST';
  // The selection bar says it, with "Open Models…"; a toast as well would cover that button.
  if (modelMissing) setSelectionUi({ segment: { state: 'failed', message, modelMissing } });
  else showError(message);
}

let prepared: string | null = null;

/** Compute the image embedding in the background (select tool chosen, or first click). */
export async function prepareSegment(assetId?: AssetId): Promise<void> {
  const doc = getState().document;
  const id = assetId ?? (doc?.layers.find((l) => l.kind === 'image')?.assetId as AssetId | undefined);
  if (!id || prepared === id) return;
  prepared = id;
  const cur = getSelectionUi().segment;
  if (cur.state !== 'ready') setSelectionUi({ segment: { state: 'preparing' } });
  try {
    const r = await getApi().invoke('segment.prepare', { assetId: id });
    setSelectionUi({ segment: { state: 'ready', packId: r.packId } });
    warmFor(id);
  } catch (err) {
    prepared = null;
    if (isCancelled(err)) return;
    const message = userMessage(err, 'Could not prepare the image for selecting.');
    setSelectionUi({ segment: { state: 'failed', message, modelMissing: isModelMissing(message) } });
  }
}

/** Ready for clicks on this image: compile the mask path now rather than on the first click (warm-up.ts). */
function warmFor(assetId: AssetId): void {
  const image = getState().document?.layers.find((l) => l.kind === 'image' && l.assetId === assetId);
  if (image?.kind === 'image') warmMaskPath(image.width, image.height);
}

export function installSegmentEvents(): () => void {
  return getApi().on('segment.ready', (e) => {
    if (!getState().document?.layers.some((l) => l.assetId === e.assetId)) return;
    setSelectionUi({ segment: { state: 'ready', packId: e.packId } });
    warmFor(e.assetId);
  });
}

/** For tests and the new-document path: the next image is prepared afresh. */
export function resetPrepared(): void {
  prepared = null;
}
