// Runs in: engine process. An asset's folder in the session: assets/<AssetId>/{source, meta.json, proxy-*}.
// Everything a new engine process needs to reload the asset after a crash lives here.
import { copyFile, link, mkdir, readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import { AssetInfoSchema } from '../../../src-shared/contract/payloads';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { AssetId } from '../../../src-shared/document/ids';
import { errnoCode } from './errors';
import { resolveInside, writeFileAtomic } from './session-files';

export const SOURCE_FILE = 'source';
const META_FILE = 'meta.json';

const AssetMetaSchema = z.object({
  version: z.literal(1),
  info: AssetInfoSchema,
  format: z.enum(['jpeg', 'png', 'webp', 'tiff', 'avif', 'gif', 'bmp']),
});
export type AssetMeta = z.infer<typeof AssetMetaSchema>;

export const assetDir = (sessionDir: string, id: AssetId): string => resolveInside(sessionDir, 'assets', id);
export const sourcePath = (sessionDir: string, id: AssetId): string => resolveInside(sessionDir, 'assets', id, SOURCE_FILE);

export function assetNotFound(id: string, detail?: string): AnyfillError {
  return new AnyfillError('NOT_FOUND', 'This image is no longer available in this session; open the file again.', detail ?? id);
}

/** Copies the staged bytes next to the asset; a hard link costs nothing when the disk allows it. */
export async function stageSource(inboxFile: string, sessionDir: string, id: AssetId): Promise<void> {
  await mkdir(assetDir(sessionDir, id), { recursive: true });
  const target = sourcePath(sessionDir, id);
  try {
    await link(inboxFile, target);
  } catch {
    await copyFile(inboxFile, target);
  }
}

export async function saveMeta(sessionDir: string, meta: AssetMeta): Promise<void> {
  await writeFileAtomic(resolveInside(sessionDir, 'assets', meta.info.id, META_FILE), JSON.stringify(meta));
}

/** The asset as a previous engine process left it; NOT_FOUND when missing or unreadable. */
export async function loadMeta(sessionDir: string, id: AssetId): Promise<AssetMeta> {
  let text: string;
  try {
    text = await readFile(resolveInside(sessionDir, 'assets', id, META_FILE), 'utf8');
  } catch (err) {
    throw assetNotFound(id, `${id}: ${errnoCode(err) ?? String(err)}`);
  }
  try {
    const meta = AssetMetaSchema.parse(JSON.parse(text));
    if (meta.info.id !== id) throw new Error(`meta.json names ${meta.info.id}`);
    return meta;
  } catch (err) {
    throw assetNotFound(id, `${id}: unreadable meta.json: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export async function removeAssetDir(sessionDir: string, id: AssetId): Promise<void> {
  // Retries: on Windows a decoder may still hold the source open for a moment.
  await rm(assetDir(sessionDir, id), { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
}
