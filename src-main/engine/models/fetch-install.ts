// Runs in: engine process (and the CLI). One catalog file of a pack download: lock it, fetch it
// (resuming, with a few automatic retries after a dropped connection), verify it, then move it into
// the pack — or extract the wanted entries of a zip — and record it as done for a later resume.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CatalogPack } from '../../../src-shared/models/catalog-schema';
import * as errors from './download-errors';
import type { FilePlan } from './download-plan';
import { fetchAndVerify, type FetchContext, type FetchedFile } from './fetch-file';
import { acquireLock } from './file-lock';
import { fileUrl, type FetchImpl } from './hub-http';
import { packDir } from './pack-files';
import type { ProgressReporter } from './progress';
import { readSidecar, writeSidecar, type InstalledFile } from './sidecar';
import { checkStructure } from './structure-check';
import { commitFile, joinPackPath } from './store-fs';
import { extractZip } from './zip-extract';

export interface FetchInstallArgs {
  modelsDir: string;
  pack: CatalogPack;
  plan: FilePlan;
  index: number;
  endpoint: string;
  /** Repo → commit: once known, the rest of a repo is fetched at that commit, so files match. */
  pinned: Map<string, string>;
  progress: ProgressReporter;
  signal: AbortSignal;
  fetchImpl: FetchImpl;
  retries: number;
  retryDelayMs: number;
}

export async function fetchAndInstall(a: FetchInstallArgs): Promise<InstalledFile[]> {
  const { file, partial } = a.plan;
  await fs.mkdir(path.dirname(partial), { recursive: true });
  const release = await acquireLock(`${partial}.lock`, file.path);
  try {
    a.progress.setCurrent(a.plan.partialBytes);
    a.progress.set('downloading', a.index, file.path);
    const url = fileUrl(a.endpoint, file.repo, a.pinned.get(file.repo) ?? file.revision, file.source);
    const ctx: FetchContext = { fetchImpl: a.fetchImpl, signal: a.signal, progress: a.progress, title: a.pack.title };
    const job = {
      label: file.path,
      index: a.index,
      url,
      partial,
      sha256: file.sha256,
      exactBytes: file.exact ? file.bytes : null,
      gitOid: file.gitOid,
      hashFrom: file.hashFrom,
    };
    for (let attempt = 0; ; attempt++) {
      try {
        const got = await fetchAndVerify(job, ctx);
        if (got.commit && !a.pinned.has(file.repo)) a.pinned.set(file.repo, got.commit);
        return await install(a, got);
      } catch (err) {
        if (attempt >= a.retries || a.signal.aborted || !errors.isRetryable(err)) throw err;
        await sleep(a.retryDelayMs * (attempt + 1), a.signal);
        a.progress.set('downloading', a.index, file.path);
      }
    }
  } finally {
    await release();
  }
}

async function install(a: FetchInstallArgs, got: FetchedFile): Promise<InstalledFile[]> {
  const { file, partial } = a.plan;
  const root = packDir(a.modelsDir, a.pack.id);
  const check = got.vouchedBy === 'git-oid' ? 'git-oid' : got.vouchedBy ? 'sha256' : 'structure';
  let entries: InstalledFile[];
  if (file.extract) {
    a.progress.set('extracting', a.index, file.path);
    entries = (await extractZip(partial, file.path, file.extract, root, a.signal)).map((e) => ({ ...e, check }));
    // Nothing vouched for the zip: each extracted model must show it is one, or none stays.
    if (check === 'structure')
      await structureOrDiscard(
        entries.map((e) => joinPackPath(root, e.path)),
        entries,
        a,
        [partial, `${partial}.json`],
      );
  } else {
    entries = [
      { path: file.path, bytes: got.bytes, sha256: got.sha256, check, ...(check === 'structure' ? { exactSize: file.exact } : {}) },
    ];
    if (check === 'structure') await structureOrDiscard([partial], entries, a, [partial, `${partial}.json`]);
  }
  // Record "done" before the rename: a crash in between leaves a complete partial that re-verifies.
  const side = await readSidecar(partial);
  await writeSidecar(partial, { validator: null, sha256: null, size: null, ...side, commit: got.commit, done: entries });
  if (file.extract) await fs.rm(partial, { force: true });
  else await commitFile(partial, joinPackPath(root, file.path));
  return entries;
}

/** Checks each file's structure (checkStructure); on the first failure removes every file named and rethrows. */
async function structureOrDiscard(files: string[], entries: InstalledFile[], a: FetchInstallArgs, alsoRemove: string[]): Promise<void> {
  a.progress.set('verifying', a.index, a.plan.file.path);
  try {
    for (const [i, f] of files.entries()) await checkStructure(f, entries[i]!.path, a.pack, packDir(a.modelsDir, a.pack.id));
  } catch (err) {
    await Promise.all([...files, ...alsoRemove].map((f) => fs.rm(f, { force: true }))).catch(() => undefined);
    throw err;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
