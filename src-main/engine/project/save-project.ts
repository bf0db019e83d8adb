// Runs in: engine process and the CLI. [Note: safe save] temp file in the same folder → fsync → fsync the
// folder → keep the previous version (hard link, so the target never disappears) → rename over the
// target → fsync the folder → read it back. Any failure before the rename leaves the target untouched;
// any failure after it (read-back included) puts the previous version back. So the previous version of
// the file is intact whatever happens, a crash included (then a stale temp file is all that is left).
import { randomBytes } from 'node:crypto';
import { copyFile, link, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { EditorDocument } from '../../../src-shared/document/types';
import { renameWithRetry } from '../../common/rename-retry';
import type { AssetStore } from '../images/asset-store';
import { collectProject } from './project-contents';
import { saveFailed } from './project-errors';
import { verifyProjectFile } from './read-project';
import { writeProjectZip, type SaveHook } from './write-zip';

export interface SaveOptions {
  /** Keep the previous version as `<file>.bak` (exactly one). Recovery copies do not need one. */
  backup: boolean;
  hook?: SaveHook;
}

// One save per file at a time: two autosaves racing would otherwise fight over the temp files.
const queues = new Map<string, Promise<unknown>>();

export interface Saved {
  bytes: number;
  /** A previous version was replaced (and kept as .bak when asked). */ replaced: boolean;
}

export function saveProject(store: AssetStore, document: EditorDocument, target: string, opts: SaveOptions): Promise<Saved> {
  const file = path.resolve(target);
  const run = (queues.get(file) ?? Promise.resolve()).catch(() => undefined).then(() => saveNow(store, document, file, opts));
  queues.set(file, run);
  void run.finally(() => queues.get(file) === run && queues.delete(file)).catch(() => undefined);
  return run;
}

async function saveNow(store: AssetStore, document: EditorDocument, file: string, opts: SaveOptions): Promise<Saved> {
  const hook = opts.hook ?? (() => undefined);
  const hadPrevious = await isFile(file).catch((err: unknown) => Promise.reject(saveFailed(err, false)));
  const suffix = randomBytes(6).toString('hex');
  const tmp = `${file}.tmp-${suffix}`;
  const keep = opts.backup ? `${file}.bak` : `${file}.prev-${suffix}`;
  const where = { tmp, target: file };
  let renamed = false;
  try {
    await removeStale(file);
    const contents = await collectProject(store, document);
    await hook('before-write', where);
    const bytes = await writeProjectZip(tmp, contents, async () => void (await hook('mid-write', where)));
    await syncDir(path.dirname(file));
    await hook('before-rename', where);
    if (hadPrevious) await keepPrevious(file, keep);
    await renameWithRetry(tmp, file);
    renamed = true;
    await syncDir(path.dirname(file));
    await hook('after-rename', where);
    await verifyProjectFile(file).catch((err: unknown) => {
      const detail = err instanceof Error ? err.message : String(err);
      throw new AnyfillError('INTEGRITY', 'Could not save the project: the file did not read back correctly after writing.', detail);
    });
    if (!opts.backup) await rm(keep, { force: true });
    return { bytes, replaced: hadPrevious };
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    if (renamed) await restorePrevious(file, hadPrevious ? keep : null).catch(() => undefined);
    if (!opts.backup) await rm(keep, { force: true }).catch(() => undefined);
    throw saveFailed(err, hadPrevious);
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new AnyfillError('IO', 'Could not save the project: a folder of that name is in the way.');
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** `<file>.bak` by a hard link (the target stays in place); a copy where links are not possible. */
async function keepPrevious(file: string, keep: string): Promise<void> {
  const staged = `${keep}.tmp-${randomBytes(6).toString('hex')}`;
  try {
    await link(file, staged).catch(() => copyFile(file, staged));
    await renameWithRetry(staged, keep);
  } catch (err) {
    await rm(staged, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** After a failed read-back or a failure past the rename: the previous bytes go back under the name. */
async function restorePrevious(file: string, previous: string | null): Promise<void> {
  if (!previous) return rm(file, { force: true });
  const staged = `${file}.restore-${randomBytes(6).toString('hex')}`;
  await copyFile(previous, staged);
  await rename(staged, file);
  await syncDir(path.dirname(file));
}

/** Temp files a killed save left next to this file (saves to one file are serialized, so none is live). */
async function removeStale(file: string): Promise<void> {
  const base = path.basename(file);
  const names = await readdir(path.dirname(file)).catch(() => [] as string[]);
  const stale = names.filter((n) => n.startsWith(`${base}.`) && /\.(tmp|prev|restore)-[0-9a-f]{12}$/.test(n));
  await Promise.all(stale.map((n) => rm(path.join(path.dirname(file), n), { force: true })));
}

/** Makes renames durable (ext4/XFS can lose an un-synced rename). Windows cannot open folders: skipped. */
async function syncDir(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync().catch(() => undefined); // some file systems refuse fsync on folders (EINVAL)
  } finally {
    await handle.close();
  }
}
