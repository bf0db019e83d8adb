// Runs in: host and engine processes. Atomic rename that survives Windows' brief file locks.
import { promises as fs } from 'node:fs';

/** Windows: antivirus or the indexer can hold a fresh file for a moment; retry briefly. */
export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (process.platform !== 'win32' || !['EPERM', 'EACCES', 'EBUSY'].includes(code ?? '') || attempt >= 10) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
