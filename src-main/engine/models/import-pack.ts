// Runs in: engine process (and the CLI). Installs a pack from a local folder: one holding an
// anyfill-pack.json, or the files of a catalog pack at their pack paths. Checked like a download:
// no symlinks or escaping paths, sizes and any known sha256 verified, the manifest written last.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { Catalog, PackManifest } from '../../../src-shared/models/catalog-schema';
import { MANIFEST_NAME, PackManifestSchema } from '../../../src-shared/models/catalog-schema';
import { ioError } from '../../common/io-errors';
import { loadCatalog } from './catalog';
import { checkDiskSpace, statfsFree } from './download-plan';
import { packDir, partialPackDir, writeManifest } from './pack-files';
import { matchCatalogPack, type ImportPlan, type PlannedFile } from './import-plan';
import { commitFile, isInside, joinPackPath } from './store-fs';

const bad = (message: string) => new AnyfillError('BAD_REQUEST', message);

export async function importPack(folder: string, modelsDir: string, opts: { catalog?: Catalog } = {}): Promise<PackManifest> {
  const src = await fs.realpath(folder).catch((err: unknown) => {
    throw ioError(err, `open the folder ${folder}`);
  });
  if (!(await fs.stat(src)).isDirectory()) throw bad(`${folder} is not a folder; choose the folder that holds the model files.`);
  const plan = (await planFromManifest(src)) ?? (await matchCatalogPack(src, opts.catalog ?? loadCatalog()));
  if (!plan) {
    throw new AnyfillError(
      'NOT_FOUND',
      `No model pack found in ${folder}: it needs an ${MANIFEST_NAME}, or every file of a catalog pack at its usual path.`,
    );
  }
  const root = packDir(modelsDir, plan.packId);
  const realRoot = await fs.realpath(root).catch(() => null);
  if (realRoot === src) throw bad(`${folder} is the installed pack itself; nothing to import.`);
  for (const f of plan.files) await checkSource(src, f, folder);
  await checkDiskSpace(
    modelsDir,
    plan.packId,
    plan.files.reduce((a, f) => a + (f.bytes ?? 0), 0),
    statfsFree,
  );
  const staging = partialPackDir(modelsDir, plan.packId);
  try {
    await fs.rm(joinPackPath(root, MANIFEST_NAME), { force: true }); // replaced files: not installed meanwhile
    const files: PackManifest['files'] = [];
    for (const f of plan.files) files.push(await copyVerified(src, f, staging, root));
    const manifest: PackManifest = {
      schemaVersion: 1,
      packId: plan.packId,
      family: plan.family,
      layout: plan.layout,
      roles: plan.roles,
      source: plan.source,
      ...(plan.revisions ? { revisions: plan.revisions } : {}),
      files,
      installedAt: new Date().toISOString(),
    };
    await writeManifest(modelsDir, manifest);
    return manifest;
  } catch (err) {
    throw err instanceof AnyfillError ? err : ioError(err, `import the model pack from ${folder}`);
  } finally {
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
}

async function planFromManifest(src: string): Promise<ImportPlan | null> {
  const text = await fs.readFile(path.join(src, MANIFEST_NAME), 'utf8').catch(() => null);
  if (text === null) return null;
  let parsed;
  try {
    parsed = PackManifestSchema.safeParse(JSON.parse(text));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) throw bad(`The ${MANIFEST_NAME} in this folder is not valid; it cannot be imported.`);
  const m = parsed.data;
  const paths = new Set(m.files.map((f) => f.path));
  const missingRole = Object.entries(m.roles).find(([, p]) => !paths.has(p));
  if (missingRole || paths.size !== m.files.length)
    throw bad(`The ${MANIFEST_NAME} in this folder is inconsistent (roles or duplicate files).`);
  return {
    packId: m.packId,
    family: m.family,
    layout: m.layout,
    roles: m.roles,
    source: m.source === 'standin' ? 'standin' : 'import',
    ...(m.revisions ? { revisions: m.revisions } : {}),
    files: m.files.map((f) => ({ path: f.path, bytes: f.bytes, exact: true, sha256: f.sha256 })),
  };
}

/** Before copying anything: a real file, inside the folder once links resolve, of the right size. */
async function checkSource(src: string, f: PlannedFile, folder: string): Promise<void> {
  const file = joinPackPath(src, f.path);
  const st = await fs.lstat(file).catch(() => null);
  if (!st) throw bad(`${f.path} is missing from ${folder}.`);
  if (st.isSymbolicLink()) throw bad(`${f.path} in ${folder} is a symbolic link; a pack must hold the files themselves.`);
  if (!st.isFile()) throw bad(`${f.path} in ${folder} is not a regular file.`);
  if (!isInside(src, await fs.realpath(file))) throw bad(`${f.path} in ${folder} lies outside the folder (through a linked folder).`);
  if (f.bytes !== null && !sizeFits(st.size, f))
    throw bad(`${f.path} in ${folder} has ${st.size} bytes, expected ${f.exact ? '' : 'about '}${f.bytes}; it may be incomplete.`);
}

/** Exact sizes must match; the catalog's approximate ones only flag big files off by over 10 %. */
function sizeFits(size: number, f: PlannedFile): boolean {
  if (f.exact || f.bytes === null) return f.bytes === null || size === f.bytes;
  return f.bytes < 1e6 || Math.abs(size - f.bytes) <= f.bytes * 0.1;
}

async function copyVerified(src: string, f: PlannedFile, staging: string, root: string): Promise<PackManifest['files'][number]> {
  const tmp = `${joinPackPath(staging, f.path)}.import`;
  await fs.mkdir(path.dirname(tmp), { recursive: true });
  const hash = createHash('sha256');
  let bytes = 0;
  const out = await fs.open(tmp, 'w');
  try {
    for await (const chunk of createReadStream(joinPackPath(src, f.path), { highWaterMark: 1 << 20 })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      bytes += buf.byteLength;
      await out.write(buf);
    }
  } finally {
    await out.close();
  }
  const sha256 = hash.digest('hex');
  if (f.exact && f.bytes !== null && bytes !== f.bytes) throw bad(`${f.path} changed size while it was copied; try again.`);
  if (f.sha256 && sha256 !== f.sha256)
    throw bad(`${f.path} failed its checksum (expected ${f.sha256}, got ${sha256}); the file is damaged, it was not imported.`);
  await commitFile(tmp, joinPackPath(root, f.path));
  return { path: f.path, bytes, sha256 };
}
