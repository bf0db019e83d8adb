// Runs in: engine process (and the CLI). [Note: asset store] Full-resolution pixels per AssetId, held in
// memory. The store is a cache over one session folder: any asset whose meta.json is on disk can be
// decoded again, so a restarted engine (or one that evicted pixels) answers transparently. The engine
// builds one (engine/services.ts); the CLI and tests build their own.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { AssetId } from '../../../src-shared/document/ids';
import { assetNotFound, loadMeta, sourcePath, type AssetMeta } from './asset-files';
import { decodeFile } from './decode';
import { RESIDENT_PIXEL_BYTES } from './limits';
import type { Pixels } from './pixels';

export interface Decoded {
  pixels: Pixels;
  decodeMs: number;
}

interface Entry {
  meta: AssetMeta;
  decoded?: Decoded;
  decoding?: Promise<Decoded>;
  lastUsed: number;
}

export class AssetStore {
  private readonly entries = new Map<AssetId, Entry>();
  // Ids are never reused, so remembering releases is cheap; it stops a late reload (a background
  // decode that started just before image.release) from resurrecting the asset.
  private readonly released = new Set<AssetId>();
  private clock = 0;

  /** sessionDir: the folder whose assets/<AssetId>/ this store caches. */
  constructor(readonly sessionDir: string) {}

  /** Records an asset that image.open just wrote; BMPs arrive already decoded. */
  register(meta: AssetMeta, decoded?: Decoded): void {
    const entry: Entry = { meta, lastUsed: ++this.clock };
    if (decoded) entry.decoded = decoded;
    this.entries.set(meta.info.id, entry);
    this.evictOverBudget(meta.info.id);
  }

  /** The asset's metadata, reloading it from the session folder when this store has not seen it. */
  async meta(id: AssetId): Promise<AssetMeta> {
    return (await this.entryFor(id)).meta;
  }

  private async entryFor(id: AssetId): Promise<Entry> {
    const known = this.entries.get(id);
    if (known) return known;
    if (this.released.has(id)) throw assetNotFound(id, `${id}: released`);
    const meta = await loadMeta(this.sessionDir, id);
    if (this.released.has(id)) throw assetNotFound(id, `${id}: released`);
    // Another call may have loaded it while we read meta.json; keep the first.
    const raced = this.entries.get(id);
    if (raced) return raced;
    const entry: Entry = { meta, lastUsed: ++this.clock };
    this.entries.set(id, entry);
    return entry;
  }

  /** Full pixels, decoded once however many callers wait. */
  async ensureDecoded(id: AssetId): Promise<Decoded> {
    const entry = await this.entryFor(id);
    entry.lastUsed = ++this.clock;
    if (entry.decoded) return entry.decoded;
    if (!entry.decoding) {
      const started = performance.now();
      entry.decoding = decodeFile(sourcePath(this.sessionDir, id), entry.meta.format).then(
        (pixels) => {
          const decoded = { pixels, decodeMs: Math.round(performance.now() - started) };
          // A release during the decode removed the entry: hand the pixels to the waiters, keep nothing.
          if (this.entries.get(id) === entry) {
            entry.decoded = decoded;
            this.evictOverBudget(id);
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

  isRegistered(id: AssetId): boolean {
    return this.entries.has(id);
  }

  /** Forgets the asset in memory; the caller removes its folder. */
  forget(id: AssetId): void {
    this.entries.delete(id);
    this.released.add(id);
  }

  /** Drops decoded pixels of the least recently used assets until the rest fit the budget. */
  private evictOverBudget(keep: AssetId): void {
    const resident = [...this.entries.entries()].filter(([, e]) => e.decoded);
    let total = resident.reduce((sum, [, e]) => sum + (e.decoded?.pixels.data.length ?? 0), 0);
    resident.sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [id, e] of resident) {
      if (total <= RESIDENT_PIXEL_BYTES) break;
      if (id === keep) continue;
      total -= e.decoded?.pixels.data.length ?? 0;
      delete e.decoded;
    }
  }
}

// The folder vanished under us (released, or the session was cleaned): the asset is gone, not damaged.
function isMissingFile(err: unknown): boolean {
  const detail = err instanceof AnyfillError ? (err.detail ?? '') : err instanceof Error ? err.message : '';
  return /ENOENT|Input file is missing|no such file/i.test(detail);
}
