// Runs in: renderer. Loading an opened project (project.open or project.recover) into the editor: every
// asset's proxy is decoded before anything is committed, so a failure leaves the open document untouched.
import type { ProjectOpened } from '../../src-shared/contract/project-payloads';
import type { StagedFile } from '../../src-shared/contract/payloads';
import { AnyfillError } from '../../src-shared/contract/errors';
import type { AssetId } from '../../src-shared/document/ids';
import { getApi } from '../core/bridge/api';
import { takeEarlyDecode } from './host-events';
import { forgetImages, loadImage } from '../core/images/image-cache';
import { loadDocument } from '../core/state/document-actions';
import { getState, type AssetView } from '../core/state/editor-store';
import { markerFor, unsavedMarker } from './dirty';
import { setProject } from './project-store';
import { showNotice } from '../core/state/messages';
import { zoomToFit } from '../core/state/view-actions';
import { withLargeConsent } from './large-open';

export const PROJECT_NAME = /\.anyfill$/i;
export const isProjectName = (name: string): boolean => PROJECT_NAME.test(name);

/** Best effort, as for images: the engine may drop pixels nobody can reach any more. */
function releaseAssets(ids: readonly AssetId[]): void {
  for (const assetId of ids)
    getApi()
      .invoke('image.release', { assetId })
      .catch(() => undefined);
}

async function viewsFor(opened: ProjectOpened): Promise<Record<AssetId, AssetView>> {
  const api = getApi();
  const entries = await Promise.all(
    opened.assets.map(async ({ asset, proxy }) => {
      const url = api.fileUrl(proxy.path);
      await loadImage(url);
      takeEarlyDecode(asset.id); // the engine decoded it while opening; nothing to wait for
      const view: AssetView = { url, thumbUrl: url, proxyWidth: proxy.width, proxyHeight: proxy.height, info: asset, decoded: 'ready' };
      return [asset.id, view] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<AssetId, AssetView>;
}

/** Replace the open document with the opened project; history restarts. `recovered`: counts as unsaved. */
export async function commitOpenedProject(opened: ProjectOpened, name: string, recovered = false): Promise<void> {
  let views: Record<AssetId, AssetView>;
  try {
    views = await viewsFor(opened);
  } catch {
    releaseAssets(opened.assets.map((a) => a.asset.id));
    throw new AnyfillError('IO', `Could not display the images of ${name}; try opening it again.`);
  }
  releaseAssets(loadDocument(opened.document, views));
  // As on disk: nothing unsaved until the next change. A recovery copy was never saved by the user.
  setProject({ saved: recovered ? unsavedMarker(opened.document) : markerFor(opened.document, getState().history) });
  forgetImages(new Set(Object.values(views).map((v) => v.url)));
  zoomToFit();
  for (const notice of opened.notices) showNotice(notice);
}

/** A staged .anyfill (picker, drop, recent files). */
export async function openStagedProject(staged: StagedFile, maxProxySide: number): Promise<void> {
  const opened = await withLargeConsent((allowLarge) => getApi().invoke('project.open', { fileId: staged.id, maxProxySide, allowLarge }));
  if (opened) await commitOpenedProject(opened, staged.name);
}
