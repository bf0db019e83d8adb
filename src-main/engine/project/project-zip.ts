// Runs in: engine process and the CLI. Opens an `.anyfill` zip and checks every entry's header before a
// single byte is read ([Note: project file]): names that could escape a folder, links, duplicates,
// anything Anyfill does not write, and sizes or ratios that only a zip bomb has. Refused means refused
// whole: nothing from the file is used.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import yauzl from 'yauzl';
import { AnyfillError } from '../../../src-shared/contract/errors';
import { ASSET_ENTRY, MANIFEST_ENTRY, MAX_PROJECT_ASSETS } from '../../../src-shared/project/manifest';
import { ioError } from '../../common/io-errors';
import { compressionRatio, isSymlinkEntry } from '../../common/zip-entry';
import { MAX_FILE_BYTES } from '../images/limits';
import { refused } from './project-errors';

export const ZIP_LIMITS = {
  entries: MAX_PROJECT_ASSETS + 2, // the manifest, the assets, an `assets/` folder entry
  manifestBytes: 256 * 1024 ** 2,
  entryBytes: MAX_FILE_BYTES,
  totalBytes: 8 * 1024 ** 3,
  /** PNGs barely compress again and JSON about 10×; far beyond that is a bomb. */
  ratio: 100,
  ratioFloorBytes: 1024 ** 2,
};

export interface ProjectZip {
  /** Entry names, checked, in archive order. */
  readonly names: readonly string[];
  /** The whole entry and its hex sha256; the size is capped as it streams, whatever the header said. */
  read(name: string): Promise<{ bytes: Buffer; sha256: string }>;
  /** The entry's hex sha256, hashed chunk by chunk as it streams (never held whole), with the same cap. */
  sha256(name: string): Promise<string>;
  close(): void;
}

export async function openProjectZip(file: string): Promise<ProjectZip> {
  const info = await stat(file).catch((err: unknown) => Promise.reject(ioError(err, 'open the project')));
  if (!info.isFile()) throw new AnyfillError('UNSUPPORTED_FORMAT', 'That is not a file, so it cannot be an Anyfill project.');
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
  } catch (err) {
    throw new AnyfillError('UNSUPPORTED_FORMAT', 'This file is not an Anyfill project (it is not a zip archive).', (err as Error).message);
  }
  try {
    if (zip.entryCount > ZIP_LIMITS.entries)
      throw refused(`too many entries (${zip.entryCount}; a project holds at most ${ZIP_LIMITS.entries})`);
    const byName = new Map<string, yauzl.Entry>();
    let total = 0;
    try {
      for await (const e of zip.eachEntry()) {
        const name = checkEntry(e, byName);
        byName.set(name, e);
        total += e.uncompressedSize;
        if (total > ZIP_LIMITS.totalBytes) throw refused('more data than a project can hold (over 8 GB uncompressed)');
      }
    } catch (err) {
      if (err instanceof AnyfillError) throw err;
      throw refused(`a broken entry (${(err as Error).message})`);
    }
    // Hashed chunk by chunk as the entry streams: no whole-entry hash holds the main thread.
    // Each chunk lands in a buffer of the declared size as it arrives: joining the chunks afterwards was one
    // copy of the whole entry on the main thread (0.6 s for a 750 MB asset).
    const read = async (name: string) => {
      const bytes = Buffer.allocUnsafe(byName.get(name)?.uncompressedSize ?? 0);
      const hash = createHash('sha256');
      let filled = 0;
      await streamEntry(zip, byName, name, (chunk) => ((filled += chunk.copy(bytes, filled)), hash.update(chunk)));
      if (filled !== bytes.length) throw refused(`an entry shorter than it declares (${name})`);
      return { bytes, sha256: hash.digest('hex') };
    };
    const sha256 = async (name: string) => {
      const hash = createHash('sha256');
      await streamEntry(zip, byName, name, (chunk) => hash.update(chunk));
      return hash.digest('hex');
    };
    return { names: [...byName.keys()], read, sha256, close: () => zip.close() };
  } catch (err) {
    zip.close();
    throw err;
  }
}

/** The entry's name after every check; throws the first reason to refuse it. */
function checkEntry(e: yauzl.Entry, seen: Map<string, yauzl.Entry>): string {
  // Strict: keep backslashes as they are, so "..\\x" is seen for what it is, not rewritten.
  const name = yauzl.getFileNameLowLevel(e.generalPurposeBitFlag, e.fileNameRaw, e.extraFields, true);
  const shown = JSON.stringify(name.slice(0, 120));
  if (name.includes('\0')) throw refused(`an entry whose name contains a NUL byte (${shown})`);
  if (/^[A-Za-z]:/.test(name)) throw refused(`an entry with a drive letter (${shown})`);
  if (name.includes('\\')) throw refused(`an entry with a backslash in its name (${shown})`);
  if (name.startsWith('/')) throw refused(`an entry with an absolute path (${shown})`);
  if (name.split('/').includes('..')) throw refused(`an entry that points outside the project (${shown})`);
  if (isSymlinkEntry(e)) throw refused(`a symbolic link (${shown})`);
  if (seen.has(name)) throw refused(`two entries named ${shown}`);
  if (name !== MANIFEST_ENTRY && name !== 'assets/' && !ASSET_ENTRY.test(name)) throw refused(`an entry Anyfill does not write (${shown})`);
  if (e.isEncrypted()) throw refused(`an encrypted entry (${shown})`);
  const cap = name === MANIFEST_ENTRY ? ZIP_LIMITS.manifestBytes : ZIP_LIMITS.entryBytes;
  if (e.uncompressedSize > cap) throw refused(`an oversized entry (${shown}, ${e.uncompressedSize} bytes)`);
  const ratio = compressionRatio(e);
  if (ratio > ZIP_LIMITS.ratio && e.uncompressedSize > ZIP_LIMITS.ratioFloorBytes) {
    throw refused(`a zip bomb (${shown} would expand ${Math.round(ratio)}× to ${e.uncompressedSize} bytes)`);
  }
  return name;
}

async function streamEntry(
  zip: yauzl.ZipFile,
  byName: Map<string, yauzl.Entry>,
  name: string,
  take: (chunk: Buffer) => void,
): Promise<void> {
  const entry = byName.get(name);
  if (!entry) throw new AnyfillError('INTERNAL', `No entry ${name}.`);
  let bytes = 0;
  try {
    const stream = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).byteLength;
      // validateEntrySizes stops a lying header too; this is the fence that does not depend on it.
      if (bytes > entry.uncompressedSize) throw refused(`an entry longer than it declares (${name})`);
      take(chunk as Buffer);
    }
  } catch (err) {
    if (err instanceof AnyfillError) throw err;
    throw new AnyfillError('INTEGRITY', `This project file is damaged: ${name} could not be read.`, (err as Error).message);
  }
}
