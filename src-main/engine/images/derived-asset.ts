// Runs in: engine process. An asset the engine made itself (a fill result): its pixels are written as a
// lossless PNG source with meta.json like an opened file, so proxies, export and a restarted engine
// treat it exactly like any other asset.
import { mkdir } from 'node:fs/promises';
import sharp from 'sharp';
import type { AssetInfo, SessionFile } from '../../../src-shared/contract/payloads';
import { newAssetId, type AssetId } from '../../../src-shared/document/ids';
import { assetDir, removeAssetDir, saveMeta, sourcePath, type AssetMeta } from './asset-files';
import type { AssetStore } from './asset-store';
import { toWriteError } from './errors';
import type { Pixels } from './pixels';
import { ensureProxy } from './proxy';
import { writeFileAtomic } from './session-files';

/**
 * `given`: the lossless PNG of these pixels when the caller already has it (a project file's asset), and
 * the id to keep (a document reattached after a restart still names its assets by their old ids).
 */
export async function createDerivedAsset(
  assets: AssetStore,
  pixels: Pixels,
  maxProxySide: number,
  given?: { png: Buffer; shownFormat: string; id?: AssetId },
): Promise<{ asset: AssetInfo; proxy: SessionFile }> {
  const { sessionDir } = assets;
  const id = given?.id ?? newAssetId();
  const format = given?.shownFormat ?? 'png';
  const info: AssetInfo = {
    id,
    width: pixels.width,
    height: pixels.height,
    format,
    hasAlpha: pixels.channels === 4,
    orientation: 1,
    notices: [],
  };
  const meta: AssetMeta = { version: 1, info, format: 'png' };
  try {
    await mkdir(assetDir(sessionDir, id), { recursive: true });
    const png =
      given?.png ??
      (await sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: pixels.channels } })
        .png({ compressionLevel: 3 })
        .toBuffer());
    await writeFileAtomic(sourcePath(sessionDir, id), png);
    const proxy = await ensureProxy(sessionDir, meta, maxProxySide, () => Promise.resolve({ kind: 'pixels', pixels }));
    // meta.json last, as image.open does: a folder without it is never reloaded.
    await saveMeta(sessionDir, meta);
    assets.register(meta, { pixels, decodeMs: 0 });
    return { asset: info, proxy };
  } catch (err) {
    await removeAssetDir(sessionDir, id).catch(() => undefined);
    throw toWriteError(err);
  }
}
