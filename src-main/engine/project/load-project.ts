// Runs in: engine process and the CLI. Opens a project into the session: every asset becomes a new
// session asset (new AssetIds; the document's references are rewritten), decoded and with a proxy, so the
// renderer can show it at once. All or nothing: on any failure the assets made so far are removed.
import sharp, { type OutputInfo } from 'sharp';
import type { AssetInfo, SessionFile } from '../../../src-shared/contract/payloads';
import type { AssetId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import { PROJECT_SCHEMA_VERSION, type ProjectAsset } from '../../../src-shared/project/manifest';
import { removeAssetDir } from '../images/asset-files';
import { forgetAsset } from '../images/asset-store';
import { createDerivedAsset } from '../images/derived-asset';
import { checkPixelCap } from '../images/errors';
import { MAX_PIXELS } from '../images/limits';
import type { Pixels } from '../images/pixels';
import { remapAssetIds } from '../../../src-shared/project/remap-assets';
import { assetIdsOf } from './project-contents';
import { damaged } from './project-errors';
import { describe, readProject } from './read-project';

export interface LoadedProject {
  document: EditorDocument;
  assets: Array<{ asset: AssetInfo; proxy: SessionFile }>;
  /** Things to tell the user, e.g. that an older project was upgraded. */
  notices: string[];
}

export async function loadProject(sessionDir: string, file: string, maxProxySide: number): Promise<LoadedProject> {
  const project = await readProject(file);
  const made: AssetId[] = [];
  try {
    const { manifest } = project;
    const byId = new Map(manifest.assets.map((a) => [a.id as string, a]));
    const newIds = new Map<string, AssetId>();
    const assets: LoadedProject['assets'] = [];
    for (const oldId of assetIdsOf(manifest.document)) {
      const asset = byId.get(oldId)!; // the manifest schema checked every layer's asset is listed
      checkPixelCap(asset.width, asset.height);
      const png = await project.readAsset(asset);
      const pixels = await decodeAssetPng(png, asset, describe(manifest, asset));
      const opened = await createDerivedAsset(sessionDir, pixels, maxProxySide, { png, shownFormat: asset.sourceFormat });
      made.push(opened.asset.id);
      newIds.set(oldId, opened.asset.id);
      assets.push(opened);
    }
    const document: EditorDocument = remapAssetIds(manifest.document, newIds);
    const notices =
      project.from < PROJECT_SCHEMA_VERSION
        ? [`This project was saved by an older Anyfill (schema ${project.from}) and was upgraded; saving it writes schema ${PROJECT_SCHEMA_VERSION}.`]
        : [];
    return { document, assets, notices };
  } catch (err) {
    for (const id of made) {
      forgetAsset(id);
      await removeAssetDir(sessionDir, id).catch(() => undefined);
    }
    throw err;
  } finally {
    project.close();
  }
}

/** Decodes a stored PNG with the same hardening as any opened image and checks it is what the manifest says. */
export async function decodeAssetPng(png: Buffer, asset: ProjectAsset, what: string): Promise<Pixels> {
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    const input = sharp(png, { failOn: 'error', limitInputPixels: MAX_PIXELS });
    const meta = await input.metadata();
    if (meta.format !== 'png') throw new Error(`a ${meta.format} file, not a PNG`);
    decoded = await input.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw damaged(`${what} is not a readable PNG`, (err as Error).message);
  }
  const { width, height, channels } = decoded.info;
  if (width !== asset.width || height !== asset.height) throw damaged(`${what} is ${width} × ${height}, not the ${asset.width} × ${asset.height} the manifest says`);
  if (channels !== (asset.hasAlpha ? 4 : 3)) throw damaged(`${what} has ${channels} channels, not the ${asset.hasAlpha ? 'RGBA' : 'RGB'} the manifest says`);
  return { data: decoded.data, width, height, channels };
}
