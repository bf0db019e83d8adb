// Runs in: renderer. [Note: reattach] The document lives here; the engine only holds its pixels. After the
// engine or the whole host restarted (connection lost, engine restarting), ask the engine to hold every
// asset of the open document again (project.reattach reloads what a new session lacks from the recovery
// copy, under the same ids). If it cannot, say so at once and offer Restore: never a document that looks
// fine but fails on the next export, fill or autosave.
import type { ProjectOpened } from '../../src-shared/contract/project-payloads';
import type { AssetId, DocumentId } from '../../src-shared/document/ids';
import { errorData, getApi, userMessage } from '../core/bridge/api';
import { loadImage } from '../core/images/image-cache';
import { proxySideForScreen } from '../core/images/proxy';
import { getState, setState, useEditor, type EditorState } from '../core/state/editor-store';
import { hasUnsavedWork } from './leave-guard';
import { setProject } from './project-store';

const RETRIES = 10;
const RETRY_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fresh proxies for the reloaded assets, swapped in once decoded (the old URLs may point at a gone session). */
async function showReattached(reattached: ProjectOpened['assets']): Promise<void> {
  const views = await Promise.all(
    reattached.map(async ({ asset, proxy }) => {
      const url = getApi().fileUrl(proxy.path);
      await loadImage(url).catch(() => undefined); // the old image keeps showing if this one fails
      return [
        asset.id,
        { url, thumbUrl: url, proxyWidth: proxy.width, proxyHeight: proxy.height, info: asset, decoded: 'ready' as const },
      ] as const;
    }),
  );
  const assets = { ...getState().assets };
  for (const [id, view] of views) if (assets[id as AssetId]) assets[id as AssetId] = view;
  setState({ assets });
}

/** Whether the engine still has a recovery copy of the document (what Restore would bring back). */
async function hasCopy(documentId: string): Promise<boolean> {
  const { projects } = await getApi().invoke('project.recoverable', {});
  return projects.some((p) => p.documentId === documentId);
}

async function markDetached(documentId: DocumentId, name: string): Promise<void> {
  const copy = await hasCopy(documentId).catch(() => false);
  setProject({ detached: { documentId, name, hasCopy: copy, unsaved: hasUnsavedWork() } });
}

export async function reattachDocument(): Promise<void> {
  const document = getState().document;
  if (!document) return;
  for (let attempt = 0; ; attempt++) {
    try {
      const { reattached, missing } = await getApi().invoke('project.reattach', { document, maxProxySide: proxySideForScreen() });
      if (getState().document?.id !== document.id) return; // replaced meanwhile
      if (reattached.length > 0) await showReattached(reattached);
      if (missing.length === 0) return setProject({ detached: null });
      return await markDetached(document.id, document.name);
    } catch (err) {
      // The new engine may still be starting: try again for a while, then say so rather than look fine.
      if (errorData(err).code !== 'ENGINE_UNAVAILABLE' || attempt >= RETRIES) {
        console.warn('[anyfill] could not reattach the document:', userMessage(err));
        if (getState().document?.id === document.id) await markDetached(document.id, document.name);
        return;
      }
      await sleep(RETRY_MS);
    }
  }
}

/** The engine or the connection went away and is back: reattach once per outage. */
export function installReattach(): () => void {
  let lost = false;
  const gone = (s: EditorState) => s.connection === 'reconnecting' || s.engine.state === 'restarting' || s.engine.state === 'starting';
  return useEditor.subscribe((st, prev) => {
    if (gone(st)) lost = true;
    if (st.document?.id !== prev.document?.id) setProject({ detached: null });
    if (!lost || gone(st) || st.connection !== 'open' || st.engine.state !== 'ready') return;
    lost = false;
    void reattachDocument();
  });
}
