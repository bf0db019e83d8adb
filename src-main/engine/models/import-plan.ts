// Runs in: engine process (and the CLI). Recognises a catalog pack in a plain folder by its file
// paths (a folder copied from another machine, or fetched by hand from the same repositories). Optional
// models the catalog does not download (the SD safety checker) come along when the folder has them.
import { promises as fs } from 'node:fs';
import type { Catalog, PackManifest } from '../../../src-shared/models/catalog-schema';
import { OPTIONAL_ROLES } from '../runtime/contracts';
import { installedPathsOf } from './catalog';
import { joinPackPath } from './store-fs';

export interface PlannedFile {
  path: string;
  /** Expected size; null when nothing tells (entries extracted from a zip). */
  bytes: number | null;
  /** Whether `bytes` is exact (pinned sha256 or a manifest) or the catalog's approximation. */
  exact: boolean;
  sha256: string | null;
}

export interface ImportPlan {
  packId: string;
  family: PackManifest['family'];
  layout: PackManifest['layout'];
  roles: Record<string, string>;
  source: 'import' | 'standin';
  revisions?: Record<string, string>;
  files: PlannedFile[];
}

/** The catalog pack whose every installed path is in the folder (the one with most files wins). */
export async function matchCatalogPack(src: string, catalog: Catalog): Promise<ImportPlan | null> {
  let best: ImportPlan | null = null;
  for (const pack of catalog.packs) {
    const files = pack.files.flatMap((f): PlannedFile[] =>
      f.extract
        ? installedPathsOf(f).map((p) => ({ path: p, bytes: null, exact: false, sha256: null }))
        : [{ path: f.path, bytes: f.bytes, exact: f.sha256 !== null, sha256: f.sha256 }],
    );
    const present = await Promise.all(
      files.map((f) =>
        fs.lstat(joinPackPath(src, f.path)).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!present.every(Boolean) || (best && best.files.length >= files.length)) continue;
    best = { packId: pack.id, family: pack.family, layout: pack.layout, roles: pack.roles, source: 'import', files };
  }
  return best && withOptional(src, best);
}

/** The config an optional model reads, copied with it (the safety checker's CLIP image processor). */
const COMPANIONS: Readonly<Record<string, readonly string[]>> = { safetyChecker: ['feature_extractor/preprocessor_config.json'] };

async function withOptional(src: string, plan: ImportPlan): Promise<ImportPlan> {
  const roles = { ...plan.roles };
  const files = [...plan.files];
  const exists = (p: string) =>
    fs.lstat(joinPackPath(src, p)).then(
      (st) => st.isFile(),
      () => false,
    );
  for (const [role, rel] of Object.entries(OPTIONAL_ROLES[plan.layout] ?? {})) {
    if (roles[role] || !(await exists(rel))) continue;
    roles[role] = rel;
    for (const p of [rel, ...(COMPANIONS[role] ?? [])])
      if (p === rel || (await exists(p))) files.push({ path: p, bytes: null, exact: false, sha256: null });
  }
  return { ...plan, roles, files };
}
