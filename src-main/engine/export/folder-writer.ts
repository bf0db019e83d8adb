// Runs in: engine process. Writes a layered export's files into its folder: only plain names straight
// inside it (they are slugified already; this is the second fence), each atomically, remembered in order.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { toWriteError } from '../images/errors';
import { writeFileAtomic } from '../images/session-files';

export class FolderWriter {
  readonly files: string[] = [];
  private readonly root: string;

  constructor(dir: string) {
    this.root = path.resolve(dir);
  }

  async ready(): Promise<void> {
    await mkdir(this.root, { recursive: true }).catch((err: unknown) => Promise.reject(toWriteError(err)));
  }

  async write(name: string, data: Uint8Array | string): Promise<void> {
    const file = path.join(this.root, name);
    if (path.dirname(file) !== this.root || name !== path.basename(name)) throw new Error(`unsafe export file name: ${name}`);
    await this.writeAt(file, data);
    this.files.push(name);
  }

  async writeAt(file: string, data: Uint8Array | string): Promise<void> {
    await writeFileAtomic(file, data).catch((err: unknown) => Promise.reject(toWriteError(err)));
  }
}
