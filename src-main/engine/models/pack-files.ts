// Runs in: engine process (and the CLI). Where a pack lives on disk, its manifest, and safe paths to
// the files of an installed pack ([Note: model packs]).
import { existsSync, realpathSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { PackManifest } from '../../../src-shared/models/catalog-schema';
import { MANIFEST_NAME, PackManifestSchema } from '../../../src-shared/models/catalog-schema';
import { OPTIONAL_ROLES } from '../runtime/contracts';
import { isInside, joinPackPath, writeFileAtomic } from './store-fs';

/** Partial downloads live apart from packs, so a pack folder only ever holds verified files. */
export const PARTIAL_DIR = '.partial';

export function packDir(modelsDir: string, packId: string): string {
  return path.join(modelsDir, packId);
}

export function partialPackDir(modelsDir: string, packId: string): string {
  return path.join(modelsDir, PARTIAL_DIR, packId);
}

export type ManifestRead = { manifest: PackManifest; reason?: undefined } | { manifest: null; reason: string };

/** The manifest and, when there is none usable, why (missing, not JSON, fails the schema, wrong pack). */
export async function readManifestDetailed(modelsDir: string, packId: string): Promise<ManifestRead> {
  let text: string;
  try {
    text = await fs.readFile(path.join(packDir(modelsDir, packId), MANIFEST_NAME), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { manifest: null, reason: code === 'ENOENT' ? 'no manifest' : `manifest unreadable (${code ?? String(err)})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { manifest: null, reason: 'manifest is not valid JSON' };
  }
  const parsed = PackManifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { manifest: null, reason: `manifest is invalid (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'schema'})` };
  }
  if (parsed.data.packId !== packId) return { manifest: null, reason: `manifest names pack "${parsed.data.packId}"` };
  return { manifest: parsed.data };
}

export async function readManifest(modelsDir: string, packId: string): Promise<PackManifest | null> {
  return (await readManifestDetailed(modelsDir, packId)).manifest;
}

/** Written last, after every file is verified: its presence is what makes a pack installed. */
export async function writeManifest(modelsDir: string, manifest: PackManifest): Promise<void> {
  const file = path.join(packDir(modelsDir, manifest.packId), MANIFEST_NAME);
  await writeFileAtomic(file, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * Absolute path of the file playing `role`, after resolving symlinks: it must stay inside the pack
 * folder (a pack is untrusted input, reliability.md §2.3).
 */
export function resolvePackFile(modelsDir: string, manifest: PackManifest, role: string): string {
  const rel = manifest.roles[role];
  const id = manifest.packId;
  if (rel === undefined)
    throw new AnyfillError('NOT_FOUND', `Model pack "${id}" has no "${role}" file. Download or import the pack again.`);
  const root = packDir(modelsDir, id);
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = realpathSync(root);
    realFile = realpathSync(joinPackPath(root, rel));
  } catch (err) {
    throw new AnyfillError(
      'NOT_FOUND',
      `The "${role}" file of model pack "${id}" (${rel}) is missing. Verify the pack, or download it again.`,
      err instanceof Error ? err.message : String(err),
    );
  }
  if (!isInside(realRoot, realFile)) {
    throw new AnyfillError(
      'NOT_FOUND',
      `The "${role}" file of model pack "${id}" (${rel}) points outside the pack; it was not loaded.`,
      realFile,
    );
  }
  return realFile;
}

/**
 * The file of an optional model role (contracts.ts OPTIONAL_ROLES) when the pack has it: the manifest's
 * path, else the layout's usual one. null when absent (the user may have deleted it); unsafe paths throw.
 */
export function optionalPackFile(modelsDir: string, manifest: PackManifest, role: string): { rel: string; file: string } | null {
  const rel = manifest.roles[role] ?? OPTIONAL_ROLES[manifest.layout]?.[role];
  if (rel === undefined || !existsSync(joinPackPath(packDir(modelsDir, manifest.packId), rel))) return null;
  return { rel, file: resolvePackFile(modelsDir, { ...manifest, roles: { ...manifest.roles, [role]: rel } }, role) };
}
