// Runs in: renderer. Edit › Select Everything: the engine's confident, distinct objects on the bottom
// image, each its own selection object, all added as one undo step (or none, on any failure).
import type { AssetId } from '../../src-shared/document/ids';
import { getApi, userMessage } from '../core/bridge/api';
import { withBusy } from '../core/state/busy';
import { beginDocumentGesture, cancelDocumentGesture, endDocumentGesture } from '../core/state/document-actions';
import { getState } from '../core/state/editor-store';
import { showError, showNotice } from '../core/state/messages';
import { createSelection } from '../selection/api';

function bottomImageAsset(): AssetId | null {
  const layer = getState().document?.layers.find((l) => l.kind === 'image');
  return layer ? layer.assetId : null;
}

export async function selectEverything(): Promise<void> {
  const assetId = bottomImageAsset();
  if (!assetId) return;
  const docId = getState().document?.id;
  let result;
  try {
    result = await withBusy('Finding every object…', () => getApi().invoke('segment.everything', { assetId }));
  } catch (err) {
    showError(userMessage(err));
    return;
  }
  if (!result || getState().document?.id !== docId) return; // the document changed meanwhile: add nothing
  if (result.instances.length === 0) {
    showNotice('No distinct objects were found; try clicking on what you want.');
    return;
  }
  beginDocumentGesture(result.instances.length === 1 ? 'Select 1 object' : `Select ${result.instances.length} objects`);
  try {
    for (const inst of result.instances) {
      createSelection({
        assetId,
        prompt: { points: [{ x: inst.point.x, y: inst.point.y, label: 1 }] },
        sam: { packId: result.packId, candidateIndex: 0, logits: inst.logits, placement: result.placement },
      });
    }
    endDocumentGesture();
  } catch (err) {
    cancelDocumentGesture();
    showError(userMessage(err));
    return;
  }
  showNotice(`Selected ${result.instances.length} objects.`);
}
