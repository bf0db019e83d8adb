// Runs in: Electron main.
// Pure Node: the OS hook (app.addRecentDocument) is injected, so it is unit-tested without Electron.
// Recently opened files, kept in userData/recent.json. Paths stay in main: the renderer only ever
// sees {index, name} and asks for a file back by index.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './fs-atomic';

export const MAX_RECENT = 10;
const FileSchema = z.object({ version: z.literal(1), files: z.array(z.string().min(1).max(4096)).max(100) });

export interface RecentFilesOptions {
  /** Absolute path of recent.json. */
  file: string;
  /** e.g. app.addRecentDocument: the OS jump list / Dock menu. */
  addToOs?: (filePath: string) => void;
}

export class RecentFiles {
  /** Serialises read-modify-write cycles so two quick opens cannot lose an entry. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: RecentFilesOptions) {}

  /** Existing files, newest first; missing ones are dropped (and the file rewritten). */
  list(): Promise<string[]> {
    return this.serial(async () => {
      const stored = await this.read();
      const kept: string[] = [];
      for (const p of stored) if (await isFile(p)) kept.push(p);
      if (kept.length !== stored.length) await this.write(kept);
      return kept;
    });
  }

  /** Names for the renderer: never the path. */
  async names(): Promise<Array<{ index: number; name: string }>> {
    return (await this.list()).map((p, index) => ({ index, name: path.basename(p) }));
  }

  async pathAt(index: number): Promise<string | null> {
    return (await this.list())[index] ?? null;
  }

  add(filePath: string): Promise<void> {
    const abs = path.resolve(filePath);
    this.opts.addToOs?.(abs);
    return this.serial(async () => {
      const key = sameFileKey(abs);
      const files = [abs, ...(await this.read()).filter((p) => sameFileKey(p) !== key)].slice(0, MAX_RECENT);
      await this.write(files);
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A missing or damaged recent.json is an empty list, never an error the user sees. */
  private async read(): Promise<string[]> {
    try {
      const parsed = FileSchema.safeParse(JSON.parse(await fs.readFile(this.opts.file, 'utf8')));
      return parsed.success ? parsed.data.files.filter((p) => path.isAbsolute(p)).slice(0, MAX_RECENT) : [];
    } catch {
      return [];
    }
  }

  private async write(files: string[]): Promise<void> {
    await fs.mkdir(path.dirname(this.opts.file), { recursive: true });
    await writeFileAtomic(this.opts.file, `${JSON.stringify({ version: 1, files }, null, 2)}\n`);
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Windows and macOS file systems are usually case-insensitive: dedupe accordingly. */
function sameFileKey(p: string): string {
  return process.platform === 'linux' ? p : p.toLowerCase();
}
