// Runs in: engine process (and the CLI). File-system steps of the model store: fsync, atomic rename,
// containment checks and streaming sha256 — so nothing half-written ever sits under a final name.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { renameWithRetry } from '../../common/rename-retry';

export { renameWithRetry };

/** Size of a regular file, or null when it is missing (other errors surface). */
export async function fileSize(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

export async function fsyncFile(file: string): Promise<void> {
  const handle = await fs.open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a finished rename durable; some platforms (Windows) cannot open folders, which is fine. */
export async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

/** fsync `from`, rename it over `to` (creating folders), fsync the folder. */
export async function commitFile(from: string, to: string): Promise<void> {
  await fsyncFile(from);
  await fs.mkdir(path.dirname(to), { recursive: true });
  await renameWithRetry(from, to);
  await fsyncDir(path.dirname(to));
}

/** Small files (manifests, sidecars): temp + fsync + rename. */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(tmp, data);
    await commitFile(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

export async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(file, { highWaterMark: 1 << 20, signal });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The git blob id of a file (sha1 over "blob <size>\0" + content), as the hub lists plain files. */
export async function gitBlobSha1(file: string, signal?: AbortSignal): Promise<string> {
  const { size } = await fs.stat(file);
  const hash = createHash('sha1').update(`blob ${size}\0`);
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** True when `child` is `root` itself or lies inside it (both already resolved/real paths). */
export function isInside(root: string, child: string): boolean {
  const rel = path.relative(root, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** Joins a validated pack path (forward slashes) onto a folder. */
export function joinPackPath(dir: string, packPath: string): string {
  return path.join(dir, ...packPath.split('/'));
}
