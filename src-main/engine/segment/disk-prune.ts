// Runs in: engine process (and the CLI). Keeps <cacheDir>/embeddings under a byte budget: after a write,
// the least recently used files go first (a disk hit refreshes a file's mtime). Recomputable data, so
// a failure here is ignored.
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';

/** About 500 SAM 1 or 125 SAM 2 images. */
export const DISK_BUDGET_BYTES = 2 * 1024 ** 3;

export async function pruneEmbeddings(cacheDir: string, budget = DISK_BUDGET_BYTES): Promise<number> {
  const root = path.join(cacheDir, 'embeddings');
  const files: Array<{ file: string; bytes: number; used: number }> = [];
  for (const pack of await readdir(root).catch(() => [] as string[])) {
    for (const name of await readdir(path.join(root, pack)).catch(() => [] as string[])) {
      if (!name.endsWith('.bin')) continue;
      const file = path.join(root, pack, name);
      const st = await stat(file).catch(() => null);
      if (st?.isFile()) files.push({ file, bytes: st.size, used: st.mtimeMs });
    }
  }
  let total = files.reduce((n, f) => n + f.bytes, 0);
  let removed = 0;
  for (const f of files.sort((a, b) => a.used - b.used)) {
    if (total <= budget) break;
    await rm(f.file, { force: true }).catch(() => undefined);
    total -= f.bytes;
    removed++;
  }
  return removed;
}

/** Marks a cache file as just used. */
export function touch(file: string): Promise<void> {
  const now = new Date();
  return utimes(file, now, now).catch(() => undefined);
}
