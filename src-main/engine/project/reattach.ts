// Runs in: engine process. [Note: reattach] After the engine or the whole host restarted, the renderer still
// holds the document, but a new session folder may lack its assets. Whatever the session no longer has is
// reloaded from the document's recovery copy under the same AssetIds, so the document on screen keeps
// working unchanged; what neither holds is reported as missing (the renderer then says so and offers Restore).
import type { AssetInfo, SessionFile } from '../../../src-shared/contract/payloads';
import type { AssetId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import type { AssetStore } from '../images/asset-store';
import { createDerivedAsset } from '../images/derived-asset';
import { decodeAssetPng } from './load-project';
import { assetIdsOf } from './project-contents';
import { describe, readProject, type OpenedProject } from './read-project';
import { recoveryFile } from './recovery';

export interface Reattached {
  reattached: Array<{ asset: AssetInfo; proxy: SessionFile }>;
  missing: AssetId[];
}

/** The document's assets this session cannot load (no meta.json in its folder). */
async function lacking(store: AssetStore, document: EditorDocument): Promise<AssetId[]> {
  const missing: AssetId[] = [];
  for (const id of assetIdsOf(document)) await store.meta(id).catch(() => missing.push(id));
  return missing;
}

export async function reattachDocument(
  store: AssetStore,
  recoveryDir: string,
  document: EditorDocument,
  maxProxySide: number,
): Promise<Reattached> {
  const missing = await lacking(store, document);
  if (missing.length === 0) return { reattached: [], missing };
  let project: OpenedProject;
  try {
    project = await readProject(recoveryFile(recoveryDir, document.id));
  } catch {
    return { reattached: [], missing }; // no copy (never autosaved), or one that does not read back
  }
  try {
    const byId = new Map(project.manifest.assets.map((a) => [a.id as string, a]));
    const reattached: Reattached['reattached'] = [];
    const still: AssetId[] = [];
    for (const id of missing) {
      const asset = byId.get(id);
      if (!asset) {
        still.push(id); // made after the last autosave
        continue;
      }
      const png = await project.readAsset(asset);
      const pixels = await decodeAssetPng(png, asset, describe(project.manifest, asset));
      reattached.push(await createDerivedAsset(store, pixels, maxProxySide, { png, shownFormat: asset.sourceFormat, id }));
    }
    return { reattached, missing: still };
  } finally {
    project.close();
  }
}
