// Runs in: engine process. [Note: asset store] Full-resolution pixels per AssetId, held in memory.
// The store is a cache over the session folder: any asset whose meta.json is on disk can be
// decoded again, so a restarted engine (or one that evicted pixels) answers transparently.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { AssetId } from '../../../src-shared/document/ids';
import { assetNotFound, loadMeta, sourcePath, type AssetMeta } from './asset-files';
import { decodeFile } from './decode';
import { RESIDENT_PIXEL_BYTES } from './limits';
import type { Pixels } from './pixels';

export interface Decoded { pixels: Pixels; decodeMs: number }

interface Entry {
  sessionDir: string;
  meta: AssetMeta;
  decoded?: Decoded;
  decoding?: Promise<Decoded>;
  lastUsed: number;
}

const entries = new Map<AssetId, Entry>();
// Ids are never reused, so remembering releases is cheap; it stops a late reload (a background
// decode that started just before image.release) from resurrecting the asset.
const released = new Set<AssetId>();
let clock = 0;

/** Records an asset that image.open just wrote; BMPs arrive already decoded. */
export function registerAsset(sessionDir: string, meta: AssetMeta, decoded?: Decoded): void {
  const entry: Entry = { sessionDir, meta, lastUsed: ++clock };
  if (decoded) entry.decoded = decoded;
  entries.set(meta.info.id, entry);
  evictOverBudget(meta.info.id);
}

/** The asset's metadata, reloading it from the session folder when this process has not seen it. */
export async function getAssetMeta(sessionDir: string, id: AssetId): Promise<AssetMeta> {
  return (await entryFor(sessionDir, id)).meta;
}

async function entryFor(sessionDir: string, id: AssetId): Promise<Entry> {
  const known = entries.get(id);
  if (known && known.sessionDir === sessionDir) return known;
  if (released.has(id)) throw assetNotFound(id, `${id}: released`);
  const meta = await loadMeta(sessionDir, id);
  if (released.has(id)) throw assetNotFound(id, `${id}: released`);
  // Another call may have loaded it while we read meta.json; keep the first.
  const raced = entries.get(id);
  if (raced && raced.sessionDir === sessionDir) return raced;
  const entry: Entry = { sessionDir, meta, lastUsed: ++clock };
  entries.set(id, entry);
  return entry;
}

/** Full pixels, decoded once however many callers wait. */
export async function ensureDecoded(sessionDir: string, id: AssetId): Promise<Decoded> {
  const entry = await entryFor(sessionDir, id);
  entry.lastUsed = ++clock;
  if (entry.decoded) return entry.decoded;
  if (!entry.decoding) {
    const started = performance.now();
    entry.decoding = decodeFile(sourcePath(sessionDir, id), entry.meta.format).then(
      (pixels) => {
        const decoded = { pixels, decodeMs: Math.round(performance.now() - started) };
        // A release during the decode removed the entry: hand the pixels to the waiters, keep nothing.
        if (entries.get(id) === entry) {
          entry.decoded = decoded;
          evictOverBudget(id);
        }
        delete entry.decoding;
        return decoded;
      },
      (err: unknown) => {
        delete entry.decoding;
        throw isMissingFile(err) ? assetNotFound(id, `${id}: source is gone`) : err;
      },
    );
  }
  return entry.decoding;
}

// The folder vanished under us (released, or the session was cleaned): the asset is gone, not damaged.
function isMissingFile(err: unknown): boolean {
  const detail = err instanceof AnyfillError ? (err.detail ?? '') : err instanceof Error ? err.message : '';
  return /ENOENT|Input file is missing|no such file/i.test(detail);
}

export function isRegistered(id: AssetId): boolean {
  return entries.has(id);
}

/** Forgets the asset in memory; the caller removes its folder. */
export function forgetAsset(id: AssetId): void {
  entries.delete(id);
  released.add(id);
}

/** Drops decoded pixels of the least recently used assets until the rest fit the budget. */
function evictOverBudget(keep: AssetId): void {
  const resident = [...entries.entries()].filter(([, e]) => e.decoded);
  let total = resident.reduce((sum, [, e]) => sum + (e.decoded?.pixels.data.length ?? 0), 0);
  resident.sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
  for (const [id, e] of resident) {
    if (total <= RESIDENT_PIXEL_BYTES) break;
    if (id === keep) continue;
    total -= e.decoded?.pixels.data.length ?? 0;
    delete e.decoded;
  }
}

/** Simulates a fresh engine process: nothing in memory, only what the session folder holds. */
export function resetAssetStoreForTests(): void {
  entries.clear();
  released.clear();
}
