// Runs in: engine process (and the CLI). What the models screen shows: every catalog pack with its state
// on disk, plus packs on disk the catalog does not list (imported ones, stand-ins).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DeviceInfo, PackStatus } from '../../../src-shared/contract/model-payloads';
import type { Catalog, CatalogPack, PackManifest } from '../../../src-shared/models/catalog-schema';
import { fastPathOf } from '../../../src-shared/models/fast-path';
import { MANIFEST_NAME, PackIdSchema } from '../../../src-shared/models/catalog-schema';
import { catalogBytes, installedPathsOf, loadCatalog } from './catalog';
import { statfsFree } from './download-plan';
import { hasLiveLock } from './file-lock';
import { packDir, partialPackDir, readManifestDetailed } from './pack-files';
import { fileSize, joinPackPath } from './store-fs';

/** The device a pack would run on here; catalog packs are passed whole, packs on disk as a summary. */
export type DeviceOf = (pack: Pick<CatalogPack, 'family' | 'recommendedDevice'> & { precision?: CatalogPack['precision'] }) => DeviceInfo;

export interface ListOptions {
  catalog?: Catalog;
  /** Downloads running in this process (DownloadManager.isDownloading); other processes show via their locks. */
  isDownloading?: (packId: string) => boolean;
}

export async function listPacks(
  modelsDir: string,
  deviceOf: DeviceOf,
  opts: ListOptions = {},
): Promise<{ modelsDir: string; diskFreeBytes: number | null; packs: PackStatus[] }> {
  const catalog = opts.catalog ?? loadCatalog();
  const packs: PackStatus[] = [];
  for (const pack of catalog.packs) packs.push(await catalogStatus(modelsDir, pack, deviceOf, opts));
  const known = new Set(catalog.packs.map((p) => p.id));
  const dirs = await fs.readdir(modelsDir, { withFileTypes: true }).catch(() => []);
  for (const d of dirs.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!d.isDirectory() || known.has(d.name) || !PackIdSchema.safeParse(d.name).success) continue;
    const { manifest } = await readManifestDetailed(modelsDir, d.name);
    if (manifest) packs.push(await foreignStatus(modelsDir, manifest, deviceOf));
  }
  return { modelsDir, diskFreeBytes: await freeBytes(modelsDir), packs };
}

async function catalogStatus(modelsDir: string, pack: CatalogPack, deviceOf: DeviceOf, opts: ListOptions): Promise<PackStatus> {
  const root = packDir(modelsDir, pack.id);
  const partial = partialPackDir(modelsDir, pack.id);
  const [read, partialBytes, packBytes, downloading] = await Promise.all([
    readManifestDetailed(modelsDir, pack.id),
    treeBytes(partial),
    treeBytes(root),
    opts.isDownloading?.(pack.id) ? Promise.resolve(true) : hasLiveLock(partial),
  ]);
  const base = {
    ...pick(pack),
    installedBytes: partialBytes + packBytes,
    inCatalog: true,
    device: deviceOf(pack),
    ...fastPathField(pack),
  };
  if (read.manifest && !downloading) {
    const files = await manifestFiles(root, read.manifest);
    const state = files.every((f) => f.present) ? 'installed' : 'damaged';
    return { ...base, state, bytes: sum(files), source: read.manifest.source, files, ...evidenceOf(read.manifest) };
  }
  const files = await Promise.all(
    pack.files.map(async (f) => {
      const present = await Promise.all(installedPathsOf(f).map((p) => fileSize(joinPackPath(root, p))));
      return { path: f.path, bytes: f.bytes, present: present.every((s) => s !== null) };
    }),
  );
  const manifestBroken = read.reason !== 'no manifest' && !downloading;
  const someOnDisk = partialBytes > 0 || files.some((f) => f.present);
  const state = downloading ? 'downloading' : manifestBroken ? 'damaged' : someOnDisk ? 'incomplete' : 'available';
  // Not installed yet: what the catalog admits about its files (public evidence does not confirm them).
  const unverified = pack.unverified ? { evidence: 'unverified' as const, evidenceNote: pack.unverified } : {};
  return { ...base, state, bytes: catalogBytes(pack), files, ...unverified };
}

async function foreignStatus(modelsDir: string, manifest: PackManifest, deviceOf: DeviceOf): Promise<PackStatus> {
  const root = packDir(modelsDir, manifest.packId);
  const files = await manifestFiles(root, manifest);
  const bytes = sum(files);
  const recommendedDevice = 'any' as const;
  const precision = 'fp32' as const; // a manifest does not say; fp32 is what imports and stand-ins mostly are
  return {
    id: manifest.packId,
    family: manifest.family,
    layout: manifest.layout,
    title: manifest.packId,
    description:
      manifest.source === 'standin' ? 'Stand-in test model (not a real model).' : 'Imported model pack, not listed in the catalog.',
    licence: { name: 'Unknown: see where the pack came from', url: pathToFileURL(root).href },
    precision,
    recommendedDevice,
    memoryMB: Math.max(1, Math.ceil((bytes * 1.5) / 1e6)),
    state: files.every((f) => f.present) ? 'installed' : 'damaged',
    bytes,
    installedBytes: await treeBytes(root),
    source: manifest.source,
    inCatalog: false,
    device: deviceOf({ family: manifest.family, recommendedDevice, precision }),
    files,
    ...fastPathField(manifest),
  };
}

function fastPathField(pack: Parameters<typeof fastPathOf>[0]): Pick<PackStatus, 'fastPath'> {
  const fastPath = fastPathOf(pack);
  return fastPath ? { fastPath } : {};
}

/** The evidence recorded at install, as the listing and verify report it. */
export function evidenceOf(m: PackManifest): Pick<PackStatus, 'evidence' | 'evidenceNote'> {
  if (!m.evidence) return {};
  return { evidence: m.evidence.state, ...(m.evidence.note ? { evidenceNote: m.evidence.note } : {}) };
}

function pick(p: CatalogPack) {
  const { id, family, layout, title, description, licence, precision, recommendedDevice, memoryMB } = p;
  return {
    id,
    family,
    layout,
    title,
    description,
    licence,
    precision,
    recommendedDevice,
    memoryMB,
    ...(p.default === undefined ? {} : { default: p.default }),
  };
}

/** Present = on disk with the size the manifest recorded (verify checks the sha256). */
async function manifestFiles(root: string, m: PackManifest): Promise<PackStatus['files']> {
  return Promise.all(
    m.files.map(async (f) => ({ path: f.path, bytes: f.bytes, present: (await fileSize(joinPackPath(root, f.path))) === f.bytes })),
  );
}

const sum = (files: { bytes: number }[]) => files.reduce((a, f) => a + f.bytes, 0);

/** Bytes of regular files under a folder (symlinks not followed); 0 when it is missing. */
export async function treeBytes(dir: string): Promise<number> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await treeBytes(p);
    else if (e.isFile() && e.name !== MANIFEST_NAME) total += (await fileSize(p)) ?? 0;
  }
  return total;
}

/** statfs needs an existing folder: ask the nearest existing ancestor of the models folder. */
async function freeBytes(modelsDir: string): Promise<number | null> {
  let dir = path.resolve(modelsDir);
  for (;;) {
    const free = await statfsFree(dir);
    if (free !== null || path.dirname(dir) === dir) return free;
    dir = path.dirname(dir);
  }
}
