// Runs in: engine process. Proxies: small upright previews the renderer draws while editing.
// JPEG when opaque (smallest, fastest), WebP with lossless-quality alpha when transparent.
import { stat } from 'node:fs/promises';
import type { SessionFile } from '../../../src-shared/contract/payloads';
import type { AssetMeta } from './asset-files';
import { sharpFrom, type Source } from './decode';
import { toImageError, toWriteError } from './errors';
import { PROXY_QUALITY } from './limits';
import { resolveInside, sessionRelative, writeFileAtomic } from './session-files';

/** Longest side at most `maxSide`, aspect kept, never upscaled, never below 1 px. */
export function proxySize(width: number, height: number, maxSide: number): { width: number; height: number } {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export function proxyFileName(meta: AssetMeta, maxSide: number): string {
  return `proxy-${maxSide}.${meta.info.hasAlpha ? 'webp' : 'jpg'}`;
}

/**
 * Returns the asset's proxy for `maxSide`, writing it if absent. The name and size depend only on
 * the asset and `maxSide`, so a proxy written by an earlier engine process is reused as is.
 */
export async function ensureProxy(
  sessionDir: string,
  meta: AssetMeta,
  maxSide: number,
  source: () => Promise<Source>,
): Promise<SessionFile> {
  const { width, height } = proxySize(meta.info.width, meta.info.height, maxSide);
  const file = resolveInside(sessionDir, 'assets', meta.info.id, proxyFileName(meta, maxSide));
  const result = { path: sessionRelative(sessionDir, file), width, height };
  if (await exists(file)) return result;

  let bytes: Buffer;
  try {
    // Resizing straight from the file lets libjpeg decode at 1/2, 1/4 or 1/8 scale (shrink-on-load).
    const pipeline = sharpFrom(await source())
      .resize(width, height, { fit: 'fill' })
      .toColourspace('srgb');
    bytes = await (
      meta.info.hasAlpha
        ? pipeline.webp({ quality: PROXY_QUALITY, alphaQuality: 100, effort: 2 })
        : pipeline.jpeg({ quality: PROXY_QUALITY })
    ).toBuffer();
  } catch (err) {
    throw toImageError(err);
  }
  try {
    await writeFileAtomic(file, bytes);
  } catch (err) {
    throw toWriteError(err);
  }
  return result;
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
