// Runs in: engine process. Writes a layered export's files into its folder: only plain names straight
// inside it (they are slugified already; this is the second fence), each atomically, remembered in order.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ioError } from '../../common/io-errors';
import { toWriteError } from '../images/errors';
import { writeFileAtomic } from '../images/session-files';

export class FolderWriter {
  readonly files: string[] = [];
  private readonly root: string;

  /** `label` names the destination in errors (the folder itself, unless it is a hidden staging folder). */
  constructor(
    dir: string,
    private readonly label = path.resolve(dir),
  ) {
    this.root = path.resolve(dir);
  }

  async ready(): Promise<void> {
    await mkdir(this.root, { recursive: true }).catch((err: unknown) => Promise.reject(this.failure(err)));
  }

  async write(name: string, data: Uint8Array | string): Promise<void> {
    const file = path.join(this.root, name);
    if (path.dirname(file) !== this.root || name !== path.basename(name)) throw new Error(`unsafe export file name: ${name}`);
    await this.writeAt(file, data);
    this.files.push(name);
  }

  async writeAt(file: string, data: Uint8Array | string): Promise<void> {
    await writeFileAtomic(file, data).catch((err: unknown) => Promise.reject(this.failure(err)));
  }

  /** Disk errors name the export's destination (not Anyfill's working folder, which is not at fault). */
  private failure(err: unknown): Error {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? ioError(err, `write into ${this.label}`) : toWriteError(err);
  }
}
