// Runs in: a host process (Electron main or the browser host). The session folder shared with the engine.
// [Note: session folder] The host creates it and passes it to the engine; it outlives engine crashes,
// so a restarted engine reloads assets from it and the open document keeps working.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newStagedFileId, type StagedFileId } from '../../src-shared/document/ids';
import type { StagedFile } from '../../src-shared/contract/payloads';
import { AnyfillError } from '../../src-shared/contract/errors';
import { ioError } from '../common/io-errors';

export const MAX_STAGED_BYTES = 2 * 1024 ** 3;

export interface SessionDir {
  readonly root: string;
  /** Write bytes (upload, drop, paste) into inbox/<id> atomically. */
  stageBytes(name: string, bytes: Uint8Array): Promise<StagedFile>;
  /** Copy a file the user picked in a native dialog into inbox/<id>. */
  stageFile(name: string, sourcePath: string): Promise<StagedFile>;
  /** Absolute path of a servable session file (assets/…, exports/…), or null if it escapes or is not allowed. */
  resolveServable(relPath: string): Promise<string | null>;
  dispose(): Promise<void>;
}

export async function createSessionDir(parent = os.tmpdir()): Promise<SessionDir> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(parent, 'anyfill-session-')));
  await Promise.all(['inbox', 'assets', 'exports'].map((d) => fs.mkdir(path.join(root, d), { mode: 0o700 })));
  const inboxPath = (id: StagedFileId) => path.join(root, 'inbox', id);

  async function commit(name: string, id: StagedFileId, tmp: string): Promise<StagedFile> {
    await fs.rename(tmp, inboxPath(id));
    const { size } = await fs.stat(inboxPath(id));
    return { id, name: cleanName(name), bytes: size };
  }

  return {
    root,
    async stageBytes(name, bytes) {
      if (bytes.byteLength > MAX_STAGED_BYTES) throw new AnyfillError('TOO_LARGE', 'The file is larger than 2 GiB.');
      const id = newStagedFileId();
      const tmp = `${inboxPath(id)}.partial`;
      await fs.writeFile(tmp, bytes, { mode: 0o600 }).catch((e) => Promise.reject(ioError(e, 'stage the file')));
      return commit(name, id, tmp);
    },
    async stageFile(name, sourcePath) {
      const id = newStagedFileId();
      const tmp = `${inboxPath(id)}.partial`;
      const stat = await fs.stat(sourcePath).catch((e) => Promise.reject(ioError(e, 'read the file')));
      if (!stat.isFile()) throw new AnyfillError('UNSUPPORTED_FORMAT', 'That is not a file.');
      if (stat.size > MAX_STAGED_BYTES) throw new AnyfillError('TOO_LARGE', 'The file is larger than 2 GiB.');
      await fs.copyFile(sourcePath, tmp, fs.constants.COPYFILE_FICLONE).catch((e) => Promise.reject(ioError(e, 'read the file')));
      return commit(name, id, tmp);
    },
    async resolveServable(relPath) {
      return resolveInside(root, relPath, ['assets', 'exports']);
    },
    async dispose() {
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}

/** Containment check with realpath + path.relative: no "..", no absolute paths, no symlink escapes. */
export async function resolveInside(root: string, relPath: string, allowedTop: string[]): Promise<string | null> {
  if (!relPath || relPath.includes('\0') || path.isAbsolute(relPath) || /^[A-Za-z]:/.test(relPath)) return null;
  const parts = relPath.split(/[\\/]/);
  if (parts.some((p) => p === '..' || p === '') || !allowedTop.includes(parts[0] ?? '')) return null;
  const candidate = path.join(root, ...parts);
  let real: string;
  try {
    real = await fs.realpath(candidate);
  } catch {
    return null;
  }
  const rel = path.relative(root, real);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return real;
}

/** A display name only: strip any directory part and control characters. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'image';
}

/** Stream a request body into the inbox (uploads can be large), enforcing the size cap as bytes arrive. */
export async function stageStream(session: SessionDir, name: string, body: AsyncIterable<Uint8Array>): Promise<StagedFile> {
  const id = newStagedFileId();
  const final = path.join(session.root, 'inbox', id);
  const tmp = `${final}.partial`;
  const handle = await fs.open(tmp, 'w', 0o600).catch((e) => Promise.reject(ioError(e, 'receive the file')));
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > MAX_STAGED_BYTES) throw new AnyfillError('TOO_LARGE', 'The file is larger than 2 GiB.');
      await handle.write(chunk).catch((e) => Promise.reject(ioError(e, 'receive the file')));
    }
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await fs.rename(tmp, final);
  return { id, name: cleanName(name), bytes: size };
}
