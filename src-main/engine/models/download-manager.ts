// Runs in: engine process (and the CLI). Downloads catalog packs: one run per pack (a second call joins
// it), one writer per file across processes (lock files), resumable partials under .partial/, every
// file verified before it is renamed into the pack, the manifest written last ([Note: model packs]).
import { promises as fs } from 'node:fs';
import type { DownloadProgress } from '../../../src-shared/contract/model-payloads';
import { AnyfillError, toErrorData } from '../../../src-shared/contract/errors';
import type { Catalog, CatalogPack, PackManifest } from '../../../src-shared/models/catalog-schema';
import { MANIFEST_NAME } from '../../../src-shared/models/catalog-schema';
import { findCatalogPack, loadCatalog } from './catalog';
import * as errors from './download-errors';
import { bytesNeeded, checkDiskSpace, planDownload, planFromHub, statfsFree } from './download-plan';
import { evidenceOf, manifestFiles } from './evidence';
import { fetchAndInstall } from './fetch-install';
import { proxyAwareFetch, resolveEndpoint, type FetchImpl } from './hub-http';
import { packDir, partialPackDir, readManifest, writeManifest } from './pack-files';
import { ProgressReporter } from './progress';
import type { InstalledFile } from './sidecar';
import { fileSize, joinPackPath } from './store-fs';

export interface DownloadManagerOptions {
  modelsDir: string;
  onProgress: (p: DownloadProgress) => void;
  fetchImpl?: typeof fetch;
  /** Tests: a catalog other than the bundled one. */
  catalog?: Catalog;
  /** Free bytes on the models disk (default: fs.statfs); null when unknown. */
  diskFree?: (dir: string) => Promise<number | null>;
  /** Automatic resumes after a dropped connection, per file (default 2). */
  retries?: number;
  retryDelayMs?: number;
}

interface Running {
  promise: Promise<PackManifest>;
  controller: AbortController;
}

export class DownloadManager {
  private readonly running = new Map<string, Running>();
  private readonly fetchImpl: FetchImpl;

  constructor(private readonly opts: DownloadManagerOptions) {
    this.fetchImpl = opts.fetchImpl ?? proxyAwareFetch();
  }

  download(packId: string, opts: { endpoint?: string } = {}): Promise<PackManifest> {
    const existing = this.running.get(packId);
    if (existing) return existing.promise;
    const pack = findCatalogPack(packId, this.opts.catalog ?? loadCatalog());
    if (!pack) return Promise.reject(new AnyfillError('NOT_FOUND', `There is no model pack "${packId}" in the catalog.`));
    const controller = new AbortController();
    const promise = this.run(pack, resolveEndpoint(opts.endpoint), controller.signal).finally(() => this.running.delete(packId));
    this.running.set(packId, { promise, controller });
    return promise;
  }

  /** Stops a download; its partial files stay for a later resume. */
  cancel(packId: string): void {
    this.running.get(packId)?.controller.abort();
  }

  isDownloading(packId: string): boolean {
    return this.running.has(packId);
  }

  /** Resolves once no download of the pack runs here (e.g. after cancel, before removing the pack). */
  async settled(packId: string): Promise<void> {
    await this.running.get(packId)?.promise.catch(() => undefined);
  }

  private fetchOpts() {
    return { fetchImpl: this.fetchImpl, retries: this.opts.retries ?? 2, retryDelayMs: this.opts.retryDelayMs ?? 1000 };
  }

  private async run(pack: CatalogPack, endpoint: string, signal: AbortSignal): Promise<PackManifest> {
    const { modelsDir } = this.opts;
    let progress = new ProgressReporter(
      pack.id,
      pack.files.map((f) => f.bytes),
      this.opts.onProgress,
    );
    progress.set('queued', 0);
    // The manifest a repair takes away while it runs, put back if the repair fails: the pack is then as it was.
    let underRepair: PackManifest | null = null;
    try {
      // A stand-in under this id is replaced, and its files are not reused.
      const found = await readManifest(modelsDir, pack.id);
      const old = found?.source === 'standin' ? null : found;
      if (old && (await allPresent(modelsDir, old))) {
        pack.files.forEach((_, i) => progress.fileDone(i));
        progress.set('done', pack.files.length);
        return old;
      }
      // Planned before anything on disk changes: a listing that disagrees leaves the previous install as it was.
      const hub = await planFromHub(pack, endpoint, this.fetchImpl, signal);
      progress = new ProgressReporter(
        pack.id,
        hub.files.map((f) => f.bytes),
        this.opts.onProgress,
      );
      await fs.mkdir(partialPackDir(modelsDir, pack.id), { recursive: true });
      if (found) {
        progress.set('verifying', 0);
        await fs.rm(joinPackPath(packDir(modelsDir, pack.id), MANIFEST_NAME), { force: true }); // being repaired: not installed meanwhile
        underRepair = found;
      }
      const plans = await planDownload(modelsDir, pack.id, hub.files, old, signal);
      plans.forEach((p, i) => (p.done ? progress.fileDone(i) : undefined));
      await checkDiskSpace(modelsDir, pack.title, bytesNeeded(plans), this.opts.diskFree ?? statfsFree);
      const pinned = new Map(hub.commits);
      for (const p of plans) if (p.commit && !pinned.has(p.file.repo)) pinned.set(p.file.repo, p.commit);
      const files: InstalledFile[] = [];
      for (const [index, plan] of plans.entries()) {
        if (signal.aborted) throw errors.cancelled(pack.title);
        const entries =
          plan.done ?? (await fetchAndInstall({ modelsDir, pack, plan, index, endpoint, pinned, progress, signal, ...this.fetchOpts() }));
        progress.fileDone(index);
        files.push(...entries);
      }
      const manifest: PackManifest = {
        schemaVersion: 1,
        packId: pack.id,
        family: pack.family,
        layout: pack.layout,
        roles: pack.roles,
        source: 'download',
        ...(pinned.size ? { revisions: Object.fromEntries(pinned) } : {}),
        files: manifestFiles(files),
        evidence: evidenceOf(files),
        ...(hub.notes.length ? { notes: hub.notes.slice(0, 20) } : {}),
        installedAt: new Date().toISOString(),
      };
      await writeManifest(modelsDir, manifest);
      await fs.rm(partialPackDir(modelsDir, pack.id), { recursive: true, force: true });
      progress.set('done', plans.length);
      return manifest;
    } catch (err) {
      if (underRepair) await writeManifest(modelsDir, underRepair).catch(() => undefined);
      const e = signal.aborted ? errors.cancelled(pack.title) : asAnyfillError(err, pack.title);
      const at = progress.snapshot();
      progress.set(e.code === 'CANCELLED' ? 'cancelled' : 'failed', at.fileIndex, at.file, toErrorData(e));
      throw e;
    }
  }
}

/** File-system errors become IO messages; anything else stays an internal error for the logs. */
function asAnyfillError(err: unknown, title: string): AnyfillError {
  if (err instanceof AnyfillError) return err;
  if (typeof (err as NodeJS.ErrnoException | undefined)?.code === 'string') return errors.diskError(title, err);
  const data = toErrorData(err);
  return new AnyfillError(data.code, data.message, data.detail);
}

async function allPresent(modelsDir: string, manifest: PackManifest): Promise<boolean> {
  const root = packDir(modelsDir, manifest.packId);
  const sizes = await Promise.all(manifest.files.map((f) => fileSize(joinPackPath(root, f.path))));
  return sizes.every((s, i) => s === manifest.files[i]?.bytes);
}
