// Runs in: Electron main.
// Pure Node (no electron import): unit-tested in test/electron/fs-atomic.test.ts.
// Atomic writes: write a sibling temp file, fsync it, rename over the target. A crash or a full disk
// leaves either the old file or the new one, never half of each (reliability.md §3.2).
import { promises as fs } from 'node:fs';
import { renameWithRetry } from '../common/rename-retry';

export const TMP_SUFFIX = '.anyfill-tmp';

/** Copy src to dest atomically; the temp file is removed if anything fails. */
export async function copyFileAtomic(src: string, dest: string): Promise<void> {
  await replaceVia(`${dest}${TMP_SUFFIX}`, dest, (tmp) => fs.copyFile(src, tmp));
}

/** Write data to dest atomically (small files: settings, recent list). */
export async function writeFileAtomic(dest: string, data: string | Uint8Array): Promise<void> {
  await replaceVia(`${dest}${TMP_SUFFIX}`, dest, (tmp) => fs.writeFile(tmp, data, { mode: 0o600 }));
}

async function replaceVia(tmp: string, dest: string, fill: (tmp: string) => Promise<void>): Promise<void> {
  try {
    await fill(tmp);
    const handle = await fs.open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameWithRetry(tmp, dest);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
