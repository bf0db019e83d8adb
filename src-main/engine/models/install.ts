// Runs in: engine process (and the CLI). Installed packs: import from a folder, remove, and verify
// every file against the manifest's sha256.
import { promises as fs } from 'node:fs';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { VerifyResult } from '../../../src-shared/contract/model-payloads';
import type { Catalog } from '../../../src-shared/models/catalog-schema';
import { MANIFEST_NAME, PackIdSchema } from '../../../src-shared/models/catalog-schema';
import { ioError } from '../../common/io-errors';
import { OPTIONAL_ROLES } from '../runtime/contracts';
import { findCatalogPack, loadCatalog } from './catalog';
import { hasLiveLock } from './file-lock';
import { evidenceOf } from './list-packs';
import { packDir, partialPackDir, readManifestDetailed } from './pack-files';
import { joinPackPath, sha256File } from './store-fs';

export { importPack } from './import-pack';

export function checkPackId(packId: string): void {
  if (!PackIdSchema.safeParse(packId).success) throw new AnyfillError('BAD_REQUEST', `"${packId}" is not a valid model pack name.`);
}

/** Deletes an installed pack and its partial downloads. Cancel (and await) a running download first. */
export async function removePack(modelsDir: string, packId: string): Promise<void> {
  checkPackId(packId);
  const root = packDir(modelsDir, packId);
  const partial = partialPackDir(modelsDir, packId);
  if (await hasLiveLock(partial)) {
    throw new AnyfillError('IO', `Model pack "${packId}" is being downloaded; cancel the download first, then remove it.`);
  }
  try {
    await fs.rm(joinPackPath(root, MANIFEST_NAME), { force: true }); // first: a half-removed pack is never "installed"
    await fs.rm(root, { recursive: true, force: true, maxRetries: 3 });
    await fs.rm(partial, { recursive: true, force: true, maxRetries: 3 });
  } catch (err) {
    throw ioError(err, `remove model pack "${packId}" (close anything using it, then try again)`);
  }
}

/** Re-hashes every file; each problem names the file and what to do about it. */
export async function verifyPack(
  modelsDir: string,
  packId: string,
  opts: { catalog?: Catalog; signal?: AbortSignal } = {},
): Promise<VerifyResult> {
  checkPackId(packId);
  const root = packDir(modelsDir, packId);
  if (!(await fs.stat(root).catch(() => null))?.isDirectory()) {
    throw new AnyfillError('NOT_FOUND', `Model pack "${packId}" is not installed.`);
  }
  const inCatalog = Boolean(findCatalogPack(packId, opts.catalog ?? loadCatalog()));
  const read = await readManifestDetailed(modelsDir, packId);
  if (!read.manifest) {
    const fix = inCatalog ? `download it again (anyfill models download ${packId})` : 'import it again';
    return { packId, ok: false, problems: [{ path: MANIFEST_NAME, problem: `The pack is not fully installed (${read.reason}); ${fix}.` }] };
  }
  const fix =
    inCatalog && read.manifest.source === 'download'
      ? `download the pack again to repair it (anyfill models download ${packId})`
      : 'remove the pack and import it again';
  const problems: VerifyResult['problems'] = [];
  // A removed optional model (the SD safety checker) is the user's choice, not damage.
  const optional = new Set(
    Object.keys(OPTIONAL_ROLES[read.manifest.layout] ?? {}).map((r) => read.manifest.roles[r] ?? OPTIONAL_ROLES[read.manifest.layout]![r]!),
  );
  for (const f of read.manifest.files) {
    const file = joinPackPath(root, f.path);
    const st = await fs.lstat(file).catch(() => null);
    if (!st && optional.has(f.path)) continue;
    if (!st) problems.push({ path: f.path, problem: `missing; ${fix}.` });
    else if (!st.isFile()) problems.push({ path: f.path, problem: `not a regular file (a link or a folder); ${fix}.` });
    else if (st.size !== f.bytes) problems.push({ path: f.path, problem: `has ${st.size} bytes, expected ${f.bytes}; ${fix}.` });
    else {
      let got: string;
      try {
        got = await sha256File(file, opts.signal);
      } catch (err) {
        problems.push({ path: f.path, problem: `could not be read (${ioError(err, 'read it').message}); ${fix}.` });
        continue;
      }
      if (got !== f.sha256) problems.push({ path: f.path, problem: `is damaged (sha256 ${got}, expected ${f.sha256}); ${fix}.` });
    }
  }
  return { packId, ok: problems.length === 0, problems, ...evidenceOf(read.manifest) };
}
