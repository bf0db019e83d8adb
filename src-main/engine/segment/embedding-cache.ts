// Runs in: engine process (and the CLI). Image embeddings by image content hash + pack + encoder sha256
// (performance §4.1, §7.3): an in-memory LRU bounded by bytes, backed by
// <cacheDir>/embeddings/<packId>/<imageHash>.bin. Disk problems never fail a click: a file that is
// missing, stale or damaged is a miss, and a write that fails only costs the next session a recompute.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { renameWithRetry } from '../../common/rename-retry';
import { DISK_BUDGET_BYTES, pruneEmbeddings, touch } from './disk-prune';
import { parseEmbedding, serializeEmbedding, type EmbeddingKey } from './embedding-file';
import { embeddingBytes, type CacheHit, type Embedding } from './types';

export const DEFAULT_MEMORY_BYTES = 512 * 1024 ** 2;

export interface CacheLookup {
  embedding: Embedding;
  hit: CacheHit;
  ms: number;
}

export class EmbeddingCache {
  private readonly memory = new Map<string, Embedding>();
  private memoryBytes = 0;
  private readonly inFlight = new Map<string, Promise<CacheLookup>>();
  private readonly writes = new Set<Promise<void>>();
  /** The last disk failure, for diagnostics (reads and writes never throw). */
  lastDiskProblem: string | null = null;

  constructor(
    private readonly maxBytes = DEFAULT_MEMORY_BYTES,
    private readonly diskBytes = DISK_BUDGET_BYTES,
  ) {}

  /**
   * From memory, else from disk under `cacheDir` (null: memory only), else computed once however many
   * callers ask at the same time.
   */
  get(key: EmbeddingKey, cacheDir: string | null, compute: () => Promise<Embedding>): Promise<CacheLookup> {
    const id = memoryKey(key);
    const started = performance.now();
    const hit = this.memory.get(id);
    if (hit) {
      this.memory.delete(id);
      this.memory.set(id, hit); // most recently used last
      return Promise.resolve({ embedding: hit, hit: 'memory', ms: performance.now() - started });
    }
    const pending = this.inFlight.get(id);
    if (pending) return pending;
    const lookup = (async (): Promise<CacheLookup> => {
      const fromDisk = await this.readDisk(key, cacheDir);
      if (fromDisk) {
        this.remember(id, fromDisk);
        return { embedding: fromDisk, hit: 'disk', ms: performance.now() - started };
      }
      // A failed computation stores nothing: the next call tries again.
      const embedding = await compute();
      this.remember(id, embedding);
      this.track(this.writeDisk(key, embedding, cacheDir));
      return { embedding, hit: 'computed', ms: performance.now() - started };
    })().finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, lookup);
    return lookup;
  }

  /** Resolves when every disk write started so far has finished (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.writes.size > 0) await Promise.all([...this.writes]);
  }

  clearMemory(): void {
    this.memory.clear();
    this.memoryBytes = 0;
  }

  get bytesInMemory(): number {
    return this.memoryBytes;
  }

  static fileFor(key: EmbeddingKey, cacheDir: string | null): string | null {
    return cacheDir ? path.join(cacheDir, 'embeddings', key.packId, `${key.imageHash}.bin`) : null;
  }

  private remember(id: string, e: Embedding): void {
    const max = this.maxBytes;
    const bytes = embeddingBytes(e);
    if (bytes > max) return;
    this.memory.set(id, e);
    this.memoryBytes += bytes;
    for (const [oldId, old] of this.memory) {
      if (this.memoryBytes <= max) break;
      this.memory.delete(oldId);
      this.memoryBytes -= embeddingBytes(old);
    }
  }

  private async readDisk(key: EmbeddingKey, cacheDir: string | null): Promise<Embedding | null> {
    const file = EmbeddingCache.fileFor(key, cacheDir);
    if (!file) return null;
    let buf: Buffer;
    try {
      buf = await readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.lastDiskProblem = `read ${file}: ${String(err)}`;
      return null;
    }
    const parsed = parseEmbedding(buf, key);
    if ('problem' in parsed) {
      this.lastDiskProblem = `${file}: ${parsed.problem}`;
      return null;
    }
    this.track(touch(file));
    return parsed.embedding;
  }

  /** Temp file + rename: a reader never sees half a file under the final name. */
  private async writeDisk(key: EmbeddingKey, e: Embedding, cacheDir: string | null): Promise<void> {
    const file = EmbeddingCache.fileFor(key, cacheDir);
    if (!file || !cacheDir) return;
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(tmp, serializeEmbedding(key, e));
      await renameWithRetry(tmp, file);
      await pruneEmbeddings(cacheDir, this.diskBytes);
    } catch (err) {
      this.lastDiskProblem = `write ${file}: ${String(err)}`;
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  private track(p: Promise<void>): void {
    this.writes.add(p);
    void p.finally(() => this.writes.delete(p));
  }
}

function memoryKey(k: EmbeddingKey): string {
  return `${k.packId}|${k.encoderSha256}|${k.prep}|${k.imageHash}`;
}
