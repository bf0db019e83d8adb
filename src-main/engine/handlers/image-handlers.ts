// Runs in: engine process. The image.* channels: open, proxy, decoded, release.
import { toErrorData } from '../../../src-shared/contract/errors';
import type { AssetId } from '../../../src-shared/document/ids';
import type { EngineContext, EngineHandler } from '../engine-context';
import { removeAssetDir, sourcePath } from '../images/asset-files';
import type { Source } from '../images/decode';
import { toImageError, toWriteError } from '../images/errors';
import { openImage } from '../images/open-image';
import { ensureProxy } from '../images/proxy';
import { prepareInBackground } from './segment-handlers';

export const imageOpen: EngineHandler<'image.open'> = async (req, ctx) => {
  const opened = await openImage(ctx.services.assets, req.fileId, req.maxProxySide, { name: req.name, allowLarge: req.allowLarge });
  // setImmediate: the response goes out first, so the renderer knows the asset before its event.
  setImmediate(() => void decodeInBackground(ctx, opened.asset.id));
  return opened;
};

/**
 * Full-resolution decode after the proxy is shown; the result arrives as an asset.decoded event. Then the
 * SAM embedding, at background priority, so the first click only runs the decoder (segment.ready).
 */
async function decodeInBackground(ctx: EngineContext, assetId: AssetId): Promise<void> {
  try {
    const { assets } = ctx.services;
    const { decodeMs } = await assets.ensureDecoded(assetId);
    if (!assets.isRegistered(assetId)) return;
    ctx.emit('asset.decoded', { assetId, ok: true, decodeMs });
    prepareInBackground(ctx, assetId);
  } catch (err) {
    // Released while decoding: nobody is waiting for this asset any more.
    if (ctx.services.assets.isRegistered(assetId)) ctx.emit('asset.decoded', { assetId, ok: false, error: toErrorData(toImageError(err)) });
  }
}

export const imageProxy: EngineHandler<'image.proxy'> = async (req, ctx) => {
  const meta = await ctx.services.assets.meta(req.assetId);
  const source = async (): Promise<Source> =>
    meta.format === 'bmp'
      ? { kind: 'pixels', pixels: (await ctx.services.assets.ensureDecoded(req.assetId)).pixels }
      : { kind: 'file', path: sourcePath(ctx.sessionDir, req.assetId) };
  return ensureProxy(ctx.sessionDir, meta, req.maxSide, source);
};

export const imageDecoded: EngineHandler<'image.decoded'> = async (req, ctx) => {
  const { pixels, decodeMs } = await ctx.services.assets.ensureDecoded(req.assetId);
  return { assetId: req.assetId, width: pixels.width, height: pixels.height, decodeMs };
};

export const imageRelease: EngineHandler<'image.release'> = async (req, ctx) => {
  // Idempotent: releasing an unknown or already released asset is not an error.
  ctx.services.assets.forget(req.assetId);
  try {
    await removeAssetDir(ctx.sessionDir, req.assetId);
  } catch (err) {
    throw toWriteError(err);
  }
  return {};
};
