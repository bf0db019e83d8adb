// Runs in: engine process (and the CLI). One writer per partial file across processes: a lock file
// created with O_EXCL holding the writer's pid; a lock whose pid is gone is stale and is taken over.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AnyfillError } from '../../../src-shared/contract/errors';

/** Locks this process holds, so a stale lock left by an earlier process with our pid is recognised. */
const heldHere = new Set<string>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder's pid, or null when the lock is absent or stale. */
export async function lockHolder(lockPath: string): Promise<number | null> {
  let text: string;
  let mtimeMs: number;
  try {
    [text, mtimeMs] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath).then((s) => s.mtimeMs)]);
  } catch {
    return null;
  }
  const pid = Number.parseInt(text.trim(), 10);
  // An empty lock is a writer between creating and filling it: live for a few seconds.
  if (!Number.isInteger(pid) || pid <= 0) return Date.now() - mtimeMs < 10_000 ? -1 : null;
  if (pid === process.pid) return heldHere.has(lockPath) ? pid : null;
  return pidAlive(pid) ? pid : null;
}

/** Takes the lock or throws a clear IO error naming the other process; returns the release function. */
export async function acquireLock(lockPath: string, what: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      heldHere.add(lockPath);
      try {
        await handle.writeFile(`${process.pid}\n`);
      } catch (writeErr) {
        heldHere.delete(lockPath);
        await fs.rm(lockPath, { force: true });
        throw writeErr;
      } finally {
        await handle.close();
      }
      return async () => {
        heldHere.delete(lockPath);
        const text = await fs.readFile(lockPath, 'utf8').catch(() => '');
        if (Number.parseInt(text, 10) === process.pid) await fs.rm(lockPath, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = await lockHolder(lockPath);
      if (holder !== null) {
        const who = holder > 0 ? ` (process ${holder})` : '';
        throw new AnyfillError(
          'IO',
          `${what} is already being downloaded by another Anyfill window or command${who}; wait for it to finish, then try again.`,
          lockPath,
        );
      }
      await fs.rm(lockPath, { force: true }); // stale: its writer is gone
    }
  }
  throw new AnyfillError('IO', `Could not lock ${what} for downloading; try again.`, lockPath);
}

/** A lock file under the pack's partial folder whose writer is alive: another process downloads it. */
export async function hasLiveLock(dir: string): Promise<boolean> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (e.isFile() && e.name.endsWith('.partial.lock') && (await lockHolder(path.join(e.parentPath, e.name))) !== null) return true;
  }
  return false;
}
