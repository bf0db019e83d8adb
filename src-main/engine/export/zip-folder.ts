// Runs in: engine process. A layered export folder as one zip, for the browser host's single download.
// PNGs and PSDs are stored (already compressed: deflating them again costs time for nothing).
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/** Zips `names` (plain files in `dir`) under `folder/` into `zipPath`, written via a temp name. */
export async function zipFolder(dir: string, names: readonly string[], folder: string, zipPath: string): Promise<void> {
  const zip = new ZipFile();
  for (const name of names) {
    zip.addFile(path.join(dir, name), `${folder}/${name}`, { compress: !/\.(png|psd)$/i.test(name) });
  }
  zip.end();
  const tmp = `${zipPath}.partial`;
  try {
    await pipeline(zip.outputStream, createWriteStream(tmp));
    await rename(tmp, zipPath);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
