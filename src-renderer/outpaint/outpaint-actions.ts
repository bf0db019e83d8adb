// Runs in: renderer. Extend Canvas: outpaint.run on the bottom photo as a job (progress, cancel); on
// success ONE undo step grows the document, shifts every layer and puts the grown picture underneath
// (outpaint-patch.ts). Any failure is a message and the document stays exactly as it was.
import type { OutpaintResult } from '../../src-shared/contract/diffusion-payloads';
import type { ImageLayer } from '../../src-shared/document/types';
import { getApi, userMessage } from '../core/bridge/api';
import { seedForRun } from '../core/state/seed';
import { loadImage } from '../core/images/image-cache';
import { proxySideForScreen, release } from '../core/images/proxy';
import { discardResults, getGenerateSettings, installedSdPacks } from '../generate/api';
import { isCancelled, landResult, runJob } from '../jobs/api';
import { outpaintProvenance, type OutpaintSent, stampNow } from '../pipeline/api';
import { getState } from '../core/state/editor-store';
import { showError, showNotice } from '../core/state/messages';
import { zoomToFit } from '../core/state/view-actions';
import { growDocument } from './outpaint-patch';
import type { Provenance } from '../../src-shared/document/provenance';
import { extendRequest, getOutpaint, setOutpaint } from './outpaint-store';

/** The photo outpaint extends: the bottom image layer. */
export function outpaintPhoto(): ImageLayer | null {
  const l = getState().document?.layers.find((x) => x.kind === 'image');
  return l?.kind === 'image' ? l : null;
}

export const openOutpaint = (): void => setOutpaint({ open: true });
export const closeOutpaint = (): void => setOutpaint({ open: false });

export async function runOutpaint(): Promise<void> {
  const doc = getState().document;
  const photo = outpaintPhoto();
  const o = getOutpaint();
  const extend = extendRequest(o);
  if (!doc || !photo) return;
  if (!extend) {
    showNotice('Choose how much to add on at least one side.');
    return;
  }
  if (installedSdPacks().length === 0) {
    showNotice('Extending the canvas needs a Stable Diffusion inpainting model: open Models… to download one.');
    return;
  }
  closeOutpaint();
  discardResults();
  const g = getGenerateSettings();
  const sent: OutpaintSent = {
    extend,
    prompt: o.prompt.trim(),
    negativePrompt: g.negativePrompt.trim(),
    seed: seedForRun(o.seed),
    steps: g.steps,
    guidance: g.guidance,
    scheduler: g.scheduler,
    prefill: 'mirror',
  };
  let result: OutpaintResult;
  try {
    result = await runJob(`Extend canvas · ${photo.name}`, (jobId) =>
      getApi().invoke('outpaint.run', {
        jobId,
        assetId: photo.assetId,
        ...sent,
        ...(g.packId && installedSdPacks().includes(g.packId) ? { packId: g.packId } : {}),
        maxProxySide: proxySideForScreen(),
      }),
    );
  } catch (err) {
    if (isCancelled(err)) showNotice('Extend canvas cancelled; nothing was changed.');
    else showError(userMessage(err, 'Extending the canvas failed; nothing was changed.'));
    return;
  }
  const provenance = outpaintProvenance(photo, sent, result, await stampNow());
  await commit(doc.id, photo.id, result, provenance);
}

async function commit(docId: string, photoId: ImageLayer['id'], result: OutpaintResult, provenance?: Provenance): Promise<void> {
  const url = getApi().fileUrl(result.proxy.path);
  try {
    await loadImage(url);
  } catch {
    release([result.asset.id]);
    showError('The canvas was extended but could not be displayed; nothing was changed. Try again.');
    return;
  }
  if (getState().document?.id !== docId) {
    release([result.asset.id]);
    return;
  }
  const landed = {
    asset: result.asset,
    url,
    proxyWidth: result.proxy.width,
    proxyHeight: result.proxy.height,
    x: 0, // growDocument places it
    y: 0,
    name: `Extended canvas (seed ${result.seed})`,
    ...(provenance ? { provenance } : {}),
  };
  if (landResult('Extend canvas', landed, (d, layer) => growDocument(d, { photoId, offset: result.offset, layer })))
    zoomToFit(); // the whole grown canvas in view
  else release([result.asset.id]);
}
