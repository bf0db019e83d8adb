// Runs in: engine process and the CLI. Opens a project into the session: every asset becomes a new
// session asset (new AssetIds; the document's references are rewritten), decoded and with a proxy, so the
// renderer can show it at once. All or nothing: on any failure the assets made so far are removed.
import { stat } from 'node:fs/promises';
import sharp, { type OutputInfo } from 'sharp';
import type { AssetInfo, SessionFile } from '../../../src-shared/contract/payloads';
import type { AssetId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import { PROJECT_SCHEMA_VERSION, type ProjectAsset } from '../../../src-shared/project/manifest';
import { removeAssetDir } from '../images/asset-files';
import type { AssetStore } from '../images/asset-store';
import { checkProjectBudget } from '../images/budget';
import { createDerivedAsset } from '../images/derived-asset';
import { checkPixelCap } from '../images/errors';
import { MAX_PIXELS } from '../images/limits';
import type { Pixels } from '../images/pixels';
import { remapAssetIds } from '../../../src-shared/project/remap-assets';
import { checkAssetHeader } from './check-assets';
import { assetIdsOf } from './project-contents';
import { damaged } from './project-errors';
import { describe, readProject } from './read-project';

export interface LoadedProject {
  document: EditorDocument;
  assets: Array<{ asset: AssetInfo; proxy: SessionFile }>;
  /** Things to tell the user, e.g. that an older project was upgraded. */
  notices: string[];
}

export async function loadProject(
  store: AssetStore,
  file: string,
  maxProxySide: number,
  options: { allowLarge?: boolean } = {},
): Promise<LoadedProject> {
  const project = await readProject(file);
  const made: AssetId[] = [];
  try {
    const { manifest } = project;
    // From the manifest alone, before a pixel is decoded: a small file may describe gigabytes of layers.
    checkProjectBudget(manifest.assets, (await stat(file)).size, 'This project', options.allowLarge ?? false);
    const byId = new Map(manifest.assets.map((a) => [a.id as string, a]));
    const newIds = new Map<string, AssetId>();
    const assets: LoadedProject['assets'] = [];
    for (const oldId of assetIdsOf(manifest.document)) {
      const asset = byId.get(oldId)!; // the manifest schema checked every layer's asset is listed
      checkPixelCap(asset.width, asset.height);
      const png = await project.readAsset(asset);
      const pixels = await decodeAssetPng(png, asset, describe(manifest, asset));
      const opened = await createDerivedAsset(store, pixels, maxProxySide, { png, shownFormat: asset.sourceFormat });
      made.push(opened.asset.id);
      newIds.set(oldId, opened.asset.id);
      assets.push(opened);
    }
    const document: EditorDocument = remapAssetIds(manifest.document, newIds);
    const notices =
      project.from < PROJECT_SCHEMA_VERSION
        ? [
            `This project was saved by an older Anyfill (schema ${project.from}) and was upgraded; saving it writes schema ${PROJECT_SCHEMA_VERSION}.`,
          ]
        : [];
    return { document, assets, notices };
  } catch (err) {
    for (const id of made) {
      store.forget(id);
      await removeAssetDir(store.sessionDir, id).catch(() => undefined);
    }
    throw err;
  } finally {
    project.close();
  }
}

/** Decodes a stored PNG with the same hardening as any opened image, after the header checks `project info` runs too. */
export async function decodeAssetPng(png: Buffer, asset: ProjectAsset, what: string): Promise<Pixels> {
  await checkAssetHeader(png, asset, what);
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(png, { failOn: 'error', limitInputPixels: MAX_PIXELS })
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw damaged(`${what} is not a readable PNG`, (err as Error).message);
  }
  const { width, height, channels } = decoded.info;
  if (channels !== 3 && channels !== 4) throw damaged(`${what} decoded to ${channels} channels`);
  return { data: decoded.data, width, height, channels };
}
