// Runs in: CLI and tests (Node). Writes one stand-in pack folder exactly as an installed pack looks:
// the files at their real paths, then anyfill-pack.json (source "standin") with their sha256.
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CatalogPack, PackManifest } from '../../src-shared/models/catalog-schema';
import { MANIFEST_NAME } from '../../src-shared/models/catalog-schema';

export interface StandinPack {
  packId: string;
  family: CatalogPack['family'];
  layout: CatalogPack['layout'];
  roles: Record<string, string>;
  /** Pack path → bytes. */
  files: Record<string, Uint8Array>;
  /** One line for `anyfill standins` and the docs: what the stand-in does. */
  behaviour: string;
}

export async function writeStandinPack(modelsDir: string, pack: StandinPack): Promise<PackManifest> {
  const root = path.join(modelsDir, pack.packId);
  const files: PackManifest['files'] = [];
  for (const [rel, bytes] of Object.entries(pack.files)) {
    const target = path.join(root, ...rel.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, bytes);
    files.push({ path: rel, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  const manifest: PackManifest = {
    schemaVersion: 1,
    packId: pack.packId,
    family: pack.family,
    layout: pack.layout,
    roles: pack.roles,
    source: 'standin',
    files,
    installedAt: new Date().toISOString(),
  };
  await writeFile(path.join(root, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
