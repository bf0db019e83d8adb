// Runs in: engine process and the CLI. What a save writes: each asset the document uses, as a lossless
// 8-bit PNG of its decoded, upright full-resolution pixels (never a proxy), and the manifest naming them.
import sharp from 'sharp';
import type { AssetId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import { PROJECT_SCHEMA_VERSION, type ProjectAsset, type ProjectManifest } from '../../../src-shared/project/manifest';
import type { AssetStore } from '../images/asset-store';
import { MAX_PIXELS } from '../images/limits';
import type { Pixels } from '../images/pixels';
import { sha256InSlices } from './hash-in-slices';

export interface ProjectContents {
  manifest: ProjectManifest;
  pngs: Map<string, Buffer>;
}

/** Image and selection layers can share an asset; each is stored once, in first-use order. */
export function assetIdsOf(document: EditorDocument): AssetId[] {
  return [...new Set(document.layers.map((l) => l.assetId))];
}

export async function collectProject(store: AssetStore, document: EditorDocument): Promise<ProjectContents> {
  const pngs = new Map<string, Buffer>();
  const assets: ProjectAsset[] = [];
  // One asset at a time: each decode can be a gigabyte, and the store evicts behind us.
  for (const id of assetIdsOf(document)) {
    const meta = await store.meta(id);
    const { pixels } = await store.ensureDecoded(id);
    const png = await encodeLosslessPng(pixels);
    const path = `assets/${id}.png`;
    pngs.set(path, png);
    assets.push({
      id,
      path,
      width: pixels.width,
      height: pixels.height,
      sha256: await sha256InSlices(png),
      hasAlpha: pixels.channels === 4,
      sourceFormat: meta.info.format,
    });
  }
  const manifest: ProjectManifest = {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    app: { name: 'Anyfill', version: process.env.ANYFILL_VERSION || '0.0.0-dev' },
    savedAt: new Date().toISOString(),
    document,
    assets,
  };
  return { manifest, pngs };
}

/** RGB or RGBA as decoded: no palette, no metadata, so decoding it gives the same bytes back. */
export function encodeLosslessPng(p: Pixels): Promise<Buffer> {
  return sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels }, limitInputPixels: MAX_PIXELS })
    .png({ compressionLevel: 6, palette: false })
    .toBuffer();
}
