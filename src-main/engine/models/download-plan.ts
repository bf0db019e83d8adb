// Runs in: engine process (and the CLI). Before a pack download: which files are already done (from an
// earlier run's sidecars, or a damaged pack's manifest), what is left, and whether it fits on the disk.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CatalogFile, CatalogPack, PackManifest } from '../../../src-shared/models/catalog-schema';
import { installedPathsOf } from './catalog';
import { notEnoughSpace } from './download-errors';
import { packDir, partialPackDir } from './pack-files';
import { readSidecar } from './sidecar';
import { fileSize, joinPackPath, sha256File } from './store-fs';

export type ManifestFile = PackManifest['files'][number];

export interface FilePlan {
  file: CatalogFile;
  partial: string;
  /** Installed entries when the file needs no work, else null. */
  done: ManifestFile[] | null;
  /** Commit recorded for it earlier, if any (pins the rest of the repo to the same commit). */
  commit: string | null;
  partialBytes: number;
}

export function partialPathOf(modelsDir: string, packId: string, file: CatalogFile): string {
  return `${joinPackPath(partialPackDir(modelsDir, packId), file.path)}.partial`;
}

export async function planDownload(modelsDir: string, pack: CatalogPack, old: PackManifest | null, signal?: AbortSignal): Promise<FilePlan[]> {
  const root = packDir(modelsDir, pack.id);
  const present = async (e: ManifestFile) => (await fileSize(joinPackPath(root, e.path))) === e.bytes;
  const plans: FilePlan[] = [];
  for (const file of pack.files) {
    const partial = partialPathOf(modelsDir, pack.id, file);
    const side = await readSidecar(partial);
    const wanted = installedPathsOf(file);
    const fromOld = wanted.map((p) => old?.files.find((e) => e.path === p));
    let done: ManifestFile[] | null = null;
    if (side?.done && side.done.length === wanted.length) done = side.done;
    if (done && !(await Promise.all(done.map(present))).every(Boolean)) done = null;
    // A damaged pack's files are re-hashed before they are trusted: verify may have found a bad byte.
    if (!done && fromOld.every((e) => e !== undefined)) done = (await allIntact(root, fromOld as ManifestFile[], signal)) ? (fromOld as ManifestFile[]) : null;
    const commit = side?.commit ?? old?.revisions?.[file.repo] ?? null;
    plans.push({ file, partial, done, commit, partialBytes: done ? 0 : ((await fileSize(partial)) ?? 0) });
  }
  return plans;
}

async function allIntact(root: string, entries: ManifestFile[], signal?: AbortSignal): Promise<boolean> {
  for (const e of entries) {
    const file = joinPackPath(root, e.path);
    if ((await fileSize(file)) !== e.bytes || (await sha256File(file, signal)) !== e.sha256) return false;
  }
  return true;
}

/** Bytes still to write: what is left to fetch, plus room for the extracted entries of a zip. */
export function bytesNeeded(plans: FilePlan[]): number {
  return plans
    .filter((p) => !p.done)
    .reduce((sum, p) => sum + Math.max(0, p.file.bytes - p.partialBytes) + (p.file.extract ? p.file.bytes : 0), 0);
}

export async function statfsFree(dir: string): Promise<number | null> {
  if (typeof fs.statfs !== 'function') return null;
  try {
    const s = await fs.statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/** Refuses to start when the disk cannot hold what is left plus 5 %. */
export async function checkDiskSpace(
  modelsDir: string,
  title: string,
  needed: number,
  diskFree: (dir: string) => Promise<number | null>,
): Promise<void> {
  if (needed <= 0) return;
  const free = await diskFree(modelsDir);
  const want = Math.ceil(needed * 1.05);
  if (free !== null && free < want) throw notEnoughSpace(title, want, free, path.resolve(modelsDir));
}
