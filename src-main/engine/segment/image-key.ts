// Runs in: engine process (and the CLI). What identifies an image's content for the embedding cache:
// the sha256 of the asset's source bytes plus its format and EXIF orientation (cheap, and stable across
// sessions: reopening the same file hits the disk cache) without decoding or hashing 48 MB of pixels.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { AssetId } from '../../../src-shared/document/ids';
import { sourcePath } from '../images/asset-files';
import type { AssetStore } from '../images/asset-store';

/**
 * Bumped whenever what reaches the encoder for the same bytes changes (decode pipeline, resize kernel,
 * normalisation, alpha handling): old cache files then read as misses.
 */
export const PREP_VERSION = 1;

export interface ImageIdentity {
  hash: string;
  width: number;
  height: number;
}

/** Upright size from the asset's metadata (no decode) and the hash of its source file. */
export async function assetIdentity(assets: AssetStore, assetId: AssetId): Promise<ImageIdentity> {
  const meta = await assets.meta(assetId);
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(sourcePath(assets.sessionDir, assetId))
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', resolve);
  });
  hash.update(`|${meta.format}|orientation ${meta.info.orientation}|${meta.info.width}x${meta.info.height}`);
  return { hash: hash.digest('hex'), width: meta.info.width, height: meta.info.height };
}

/** assetIdentity once per asset and session folder (ids are never reused). */
export class IdentityMemo {
  private readonly known = new Map<string, Promise<ImageIdentity>>();

  get(assets: AssetStore, assetId: AssetId): Promise<ImageIdentity> {
    const k = `${assets.sessionDir}|${assetId}`;
    let hit = this.known.get(k);
    if (!hit) {
      hit = assetIdentity(assets, assetId);
      this.known.set(k, hit);
      hit.catch(() => this.known.delete(k));
    }
    return hit;
  }
}
