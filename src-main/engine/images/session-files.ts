// Runs in: engine process. Safe paths inside the session folder and crash-safe file writes.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { AnyfillError } from '../../../src-shared/contract/errors';

/**
 * Joins `parts` under `root` and refuses anything that escapes it. Ids are schema-checked
 * before they get here; this is the second fence, separator-aware (`/a/b` never matches `/a/bc`).
 */
export function resolveInside(root: string, ...parts: string[]): string {
  const base = path.resolve(root);
  const full = path.resolve(base, ...parts);
  const rel = path.relative(base, full);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new AnyfillError('BAD_REQUEST', 'That file is outside the session folder.', `${parts.join('/')}`);
  }
  return full;
}

/** The renderer-facing form of a session path: forward slashes, relative to the session folder. */
export function sessionRelative(sessionDir: string, full: string): string {
  return path.relative(path.resolve(sessionDir), full).split(path.sep).join('/');
}

/**
 * Writes via a temp file in the same folder, fsyncs, then renames, so readers (the renderer
 * loading a proxy, a restarted engine) never see a half-written file under the final name.
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
