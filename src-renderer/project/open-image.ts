// Runs in: renderer. Opening a photo (open command, drop, paste): stage → image.open → load the proxy →
// commit. Nothing is committed until every step succeeded, so a failure leaves the document as it was.
import type { AssetInfo, SessionFile, StagedFile } from '../../src-shared/contract/payloads';
import { AnyfillError } from '../../src-shared/contract/errors';
import { newDocumentId, newLayerId, type AssetId } from '../../src-shared/document/ids';
import { DOCUMENT_SCHEMA_VERSION, type EditorDocument, type ImageLayer } from '../../src-shared/document/types';
import { errorData, getApi, userMessage } from '../core/bridge/api';
import { loadDocument } from '../core/state/document-actions';
import { getState, type AssetView } from '../core/state/editor-store';
import { addImageLayer } from '../core/state/layer-actions';
import { showError, showNotice } from '../core/state/messages';
import { namingFile } from './file-message';
import { zoomToFit } from '../core/state/view-actions';
import { isBusy, withBusy } from '../core/state/busy';
import { takeEarlyDecode } from './host-events';
import { withLargeConsent } from './large-open';
import { forgetImages, loadImage } from '../core/images/image-cache';
import { proxySideForScreen, release } from '../core/images/proxy';
import { getModels, installedPackIds } from '../models/api';
import { prepareSegment } from '../segment/api';
import { isProjectName, openStagedProject } from './open-project';
import { confirmLeave } from './leave-guard';

/** A SAM pack is installed (from the model list the app reads at start): without one, opening stays quiet. */
const hasSegmentModel = (): boolean =>
  installedPackIds(getModels().packs, 'sam1').length + installedPackIds(getModels().packs, 'sam2').length > 0;

export type OpenMode = 'document' | 'layer';

/** The open command: the host's picker (native dialog or file input) stages the file itself. */
export async function openPicked(): Promise<void> {
  if (isBusy() || !(await confirmLeave('opening another file'))) return;
  let staged: StagedFile | null;
  try {
    staged = await getApi().pickImage();
  } catch (err) {
    showError(userMessage(err, 'Could not read that file.'));
    return;
  }
  if (staged) await openStaged(() => Promise.resolve(staged), 'document', staged.name);
}

/** Electron's File › Open Recent: main stages the remembered file by its index. */
export async function openRecent(index: number): Promise<void> {
  if (isBusy() || !(await confirmLeave('opening another file'))) return;
  return openStaged(() => getApi().invoke('shell.openRecent', { index }), 'document');
}

/** A dropped or pasted file. A project replaces the document whatever the mode, so it asks too. */
export async function openFile(file: File, mode: OpenMode): Promise<void> {
  const replaces = mode === 'document' || isProjectName(file.name);
  if (replaces && !isBusy() && !(await confirmLeave(`opening ${file.name || 'another file'}`))) return;
  return openStaged(() => getApi().stageFile(file), mode, file.name || 'image');
}

async function openStaged(stage: () => Promise<StagedFile>, mode: OpenMode, nameHint?: string): Promise<void> {
  if (isBusy()) {
    showNotice('Still busy with the previous file; try again in a moment.');
    return;
  }
  const label = mode === 'layer' ? 'Adding layer' : 'Opening';
  let name = nameHint;
  try {
    await withBusy(nameHint ? `${label} ${nameHint}…` : `${label}…`, async () => {
      const staged = await stage();
      name = staged.name;
      // A project replaces the document whatever the mode: it has its own layers and size.
      if (isProjectName(staged.name)) return await openStagedProject(staged, proxySideForScreen());
      const api = getApi();
      const opened = await withLargeConsent((allowLarge) =>
        api.invoke('image.open', { fileId: staged.id, name: staged.name, maxProxySide: proxySideForScreen(), allowLarge }),
      ).catch((err: unknown) => projectAfterAll(staged, err));
      if (!opened) return;
      const { asset, proxy } = opened;
      const view = await viewFor(asset, proxy, staged.name);
      commit(staged.name, asset, view, mode);
      // Start the SAM embedding now (engine background work) so the first click answers at decoder speed.
      if (mode === 'document' && hasSegmentModel()) void prepareSegment(asset.id);
      for (const notice of asset.notices) showNotice(notice);
    });
  } catch (err) {
    showError(namingFile(name, userMessage(err, 'Could not open that file.')));
  }
}

/** A renamed project is not an image: try it as one, and if that fails too, say why it is no image. */
async function projectAfterAll(staged: StagedFile, imageError: unknown): Promise<null> {
  if (errorData(imageError).code !== 'UNSUPPORTED_FORMAT') throw imageError;
  await openStagedProject(staged, proxySideForScreen()).catch(() => Promise.reject(imageError));
  return null;
}

async function viewFor(asset: AssetInfo, proxy: SessionFile, name: string): Promise<AssetView> {
  const url = getApi().fileUrl(proxy.path);
  try {
    await loadImage(url);
  } catch {
    release([asset.id]);
    throw new AnyfillError('IO', `Could not display ${name}; try opening it again.`);
  }
  const early = takeEarlyDecode(asset.id);
  const decoded = early === undefined ? 'pending' : early ? 'ready' : 'failed';
  return { url, thumbUrl: url, proxyWidth: proxy.width, proxyHeight: proxy.height, info: asset, decoded };
}

function commit(name: string, asset: AssetInfo, view: AssetView, mode: OpenMode): void {
  const doc = getState().document;
  const layer: ImageLayer = {
    id: newLayerId(),
    kind: 'image',
    name: name.slice(0, 200),
    assetId: asset.id,
    visible: true,
    opacity: 1,
    x: 0,
    y: 0,
    width: asset.width,
    height: asset.height,
  };
  if (mode === 'layer' && doc) {
    // A pasted image lands centred on the canvas.
    addImageLayer({ ...layer, x: Math.round((doc.width - asset.width) / 2), y: Math.round((doc.height - asset.height) / 2) }, view);
    return;
  }
  const next: EditorDocument = {
    id: newDocumentId(),
    schemaVersion: DOCUMENT_SCHEMA_VERSION,
    name: name.slice(0, 260),
    width: asset.width,
    height: asset.height,
    layers: [layer],
  };
  release(loadDocument(next, { [asset.id]: view } as Record<AssetId, AssetView>));
  forgetImages(new Set([view.url]));
  zoomToFit();
}

/** Close the document, after asking about unsaved work. Not undoable: history belongs to the document. */
export async function closeDocument(): Promise<void> {
  if (!getState().document || isBusy() || !(await confirmLeave('closing it'))) return;
  release(loadDocument(null, {}));
  forgetImages(new Set());
}
