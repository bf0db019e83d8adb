// Runs in: renderer. Content-aware fill of a selection: an engine job (progress, cancel) whose result
// becomes a new layer above the image — transparent outside the filled area, so the photo itself is
// never touched — in one undo step that also hides the selection's tint. Nothing changes on failure.
import type { FillResult } from '../../src-shared/contract/job-payloads';
import type { SelectionLayer } from '../../src-shared/document/selection';
import type { LayerId } from '../../src-shared/document/ids';
import { getApi, userMessage } from '../core/bridge/api';
import { loadImage } from '../core/images/image-cache';
import { proxySideForScreen, release } from '../core/images/proxy';
import { commitResultLayer, isCancelled, runJob } from '../jobs/api';
import { findSelection, targetSelection } from '../selection/api';
import { fillProvenance, stampNow } from '../pipeline/api';
import { imageLayerOf } from '../core/viewport/geometry';
import { getState } from '../core/state/editor-store';
import { showError, showNotice } from '../core/state/messages';
import { getFillSettings, setFillSettings, type FillMethodChoice } from './fill-settings';
import { seedForRun } from '../core/state/seed';

export const METHOD_NAMES = { patchmatch: 'PatchMatch', telea: 'Telea', migan: 'MI-GAN', lama: 'LaMa' } as const;

/** `method`: what Remove asks for (the best installed eraser); the Fill panel's choice otherwise. */
export async function contentAwareFill(override?: FillMethodChoice): Promise<void> {
  const selection = targetSelection();
  const doc = getState().document;
  if (!doc || !selection) {
    showNotice('Select what to remove first: click it with the Select tool, use the Magic Wand, or paint it with the Brush.');
    return;
  }
  const settings = getFillSettings();
  const { seed } = settings;
  const method = override ?? settings.method;
  let result: FillResult;
  try {
    result = await runJob(`Content-aware fill · ${selection.name}`, (jobId) =>
      getApi().invoke('fill.run', {
        jobId,
        assetId: selection.assetId,
        selection,
        method,
        seed: seedForRun(seed),
        maxProxySide: proxySideForScreen(),
      }),
    );
  } catch (err) {
    if (isCancelled(err)) showNotice('Fill cancelled; nothing was changed.');
    else showError(userMessage(err, 'The fill failed; nothing was changed.'));
    return;
  }
  setFillSettings({
    lastUsed: `${METHOD_NAMES[result.method]}${result.packId ? ` (${result.packId})` : ''}, ${(result.ms / 1000).toFixed(1)} s`,
  });
  await commitResult(doc.id, selection, method, result);
}

async function commitResult(docId: string, sent: SelectionLayer, method: 'auto' | FillResult['method'], result: FillResult): Promise<void> {
  const selectionId: LayerId = sent.id;
  const stamp = await stampNow();
  const url = getApi().fileUrl(result.proxy.path);
  try {
    await loadImage(url);
  } catch {
    release([result.asset.id]);
    showError('The fill finished but could not be displayed; nothing was changed. Try again.');
    return;
  }
  const selection = findSelection(selectionId);
  const image = selection && getState().document?.id === docId ? imageLayerOf(getState().document, selection.assetId) : null;
  if (!selection || !image) {
    // The document or its image went away while the fill ran: keep nothing.
    release([result.asset.id]);
    return;
  }
  const provenance = fillProvenance(image, sent, method, result, stamp);
  const landed = {
    asset: result.asset,
    url,
    proxyWidth: result.proxy.width,
    proxyHeight: result.proxy.height,
    x: image.x + result.x,
    y: image.y + result.y,
    name: `Fill (${METHOD_NAMES[result.method]}, seed ${result.seed})`,
    ...(provenance ? { provenance } : {}),
  };
  commitResultLayer('Content-aware fill', image, landed, selectionId);
}
