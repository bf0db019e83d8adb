// Runs in: engine process (and the CLI). A downloaded pack's evidence state from what vouched for each
// of its files at install: a published hash (pinned), or only a structural check (size-only / unverified).
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import type { InstalledFile } from './sidecar';

export type Evidence = NonNullable<PackManifest['evidence']>;

export function evidenceOf(files: readonly InstalledFile[]): Evidence {
  const unhashed = files.filter((f) => f.check !== 'sha256' && f.check !== 'git-oid');
  if (unhashed.length === 0) return { state: 'pinned' };
  const names = (list: InstalledFile[]) =>
    list
      .slice(0, 6)
      .map((f) => f.path)
      .join(', ') + (list.length > 6 ? ', …' : '');
  const loose = unhashed.filter((f) => f.check !== 'structure' || !f.exactSize);
  const what = loose.length === 0 ? 'its exact size and a structural check' : 'a structural check';
  const note = `No sha256 is published for ${names(unhashed)} (not in the catalog, the hub's listing or its headers): only ${what} vouched for ${unhashed.length === 1 ? 'it' : 'them'}.`;
  return { state: loose.length === 0 ? 'size-only' : 'unverified', note: note.slice(0, 1000) };
}

/** The manifest's entries: the per-file check stays in the evidence summary. */
export function manifestFiles(files: readonly InstalledFile[]): PackManifest['files'] {
  return files.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 }));
}
