// Runs in: engine process (and the CLI). The bundled model catalog, validated once, and small lookups on it.
import type { Catalog, CatalogFile, CatalogPack } from '../../../src-shared/models/catalog-schema';
import { CatalogSchema } from '../../../src-shared/models/catalog-schema';
import { readFileSync } from 'node:fs';
import catalogJson from '../../../models/catalog.json';

let cached: Catalog | undefined;

/**
 * The catalog shipped with the app, or the one ANYFILL_CATALOG_FILE names (an organisation's own mirror of
 * the packs, or a test hub's): the same schema and the same download, hash and contract checks either way.
 * A schema failure is a build or configuration bug, so it throws loudly.
 */
export function loadCatalog(): Catalog {
  const file = process.env.ANYFILL_CATALOG_FILE;
  cached ??= CatalogSchema.parse(file ? JSON.parse(readFileSync(file, 'utf8')) : catalogJson);
  return cached;
}

export function findCatalogPack(id: string, catalog: Catalog = loadCatalog()): CatalogPack | undefined {
  return catalog.packs.find((p) => p.id === id);
}

/** The pack paths a file becomes once installed: its own path, or the `to` paths of a zip. */
export function installedPathsOf(file: CatalogFile): string[] {
  return file.extract ? file.extract.map((e) => e.to) : [file.path];
}

/** Every pack path an installed pack holds. */
export function installedPaths(pack: CatalogPack): string[] {
  return pack.files.flatMap(installedPathsOf);
}

/** Download size (approximate unless every sha256 is pinned). */
export function catalogBytes(pack: CatalogPack): number {
  return pack.files.reduce((sum, f) => sum + f.bytes, 0);
}
