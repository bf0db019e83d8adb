// Runs in: engine process (and the CLI). Before a pack download: which files are already done (from an
// earlier run's sidecars, or a damaged pack's manifest), what is left, and whether it fits on the disk.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CatalogFile, CatalogPack, PackManifest } from '../../../src-shared/models/catalog-schema';
import { installedPathsOf } from './catalog';
import { notEnoughSpace } from './download-errors';
import type { FetchImpl } from './hub-http';
import { fetchListing, type RepoListing } from './hub-listing';
import { checkListing, listingKey, type HubPlan, type PlannedFile } from './listing-check';
import { packDir, partialPackDir } from './pack-files';
import { readSidecar, type InstalledFile } from './sidecar';
import { fileSize, joinPackPath, sha256File } from './store-fs';

export type ManifestFile = PackManifest['files'][number];

export interface FilePlan {
  file: PlannedFile;
  partial: string;
  /** Installed entries when the file needs no work, else null. */
  done: InstalledFile[] | null;
  /** Commit recorded for it earlier, if any (pins the rest of the repo to the same commit). */
  commit: string | null;
  partialBytes: number;
}

export function partialPathOf(modelsDir: string, packId: string, file: CatalogFile): string {
  return `${joinPackPath(partialPackDir(modelsDir, packId), file.path)}.partial`;
}

/**
 * The files to fetch, from the hub's listing of each repo at its revision where the endpoint answers one
 * (as Hugging Face clients plan), else as the catalog says. Throws, before anything is fetched, when a
 * listing disagrees with the catalog.
 */
export async function planFromHub(pack: CatalogPack, endpoint: string, fetchImpl: FetchImpl, signal: AbortSignal): Promise<HubPlan> {
  const listings = new Map<string, RepoListing>();
  const asked = new Set<string>();
  for (const f of pack.files) {
    const key = listingKey(f);
    if (asked.has(key)) continue;
    asked.add(key);
    const listing = await fetchListing(fetchImpl, endpoint, f.repo, f.revision, signal);
    if (listing) listings.set(key, listing);
  }
  return checkListing(pack, listings);
}

export async function planDownload(
  modelsDir: string,
  packId: string,
  files: PlannedFile[],
  old: PackManifest | null,
  signal?: AbortSignal,
): Promise<FilePlan[]> {
  const root = packDir(modelsDir, packId);
  const present = async (e: ManifestFile) => (await fileSize(joinPackPath(root, e.path))) === e.bytes;
  const plans: FilePlan[] = [];
  // Files kept from a damaged pack vouched for as that pack was; older manifests do not say.
  const oldCheck = old?.evidence?.state === 'pinned' ? { check: 'sha256' as const } : {};
  for (const file of files) {
    const partial = partialPathOf(modelsDir, packId, file);
    const side = await readSidecar(partial);
    const wanted = installedPathsOf(file);
    const fromOld = wanted.map((p) => old?.files.find((e) => e.path === p));
    let done: ManifestFile[] | null = null;
    if (side?.done && side.done.length === wanted.length) done = side.done;
    if (done && !(await Promise.all(done.map(present))).every(Boolean)) done = null;
    // A damaged pack's files are re-hashed before they are trusted: verify may have found a bad byte.
    if (!done && fromOld.every((e) => e !== undefined))
      done = (await allIntact(root, fromOld as ManifestFile[], signal))
        ? (fromOld as ManifestFile[]).map((e) => ({ ...e, ...oldCheck }))
        : null;
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
