// Runs in: engine process (and the CLI). Pulls the wanted entries out of a verified zip (samexporter
// packs): each catalog rule picks exactly one entry, written to its pack path via temp + rename.
// Unsafe archives are refused whole: traversal or absolute names, symlinks, encryption, bomb-sized entries.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { CatalogFile, PackManifest } from '../../../src-shared/models/catalog-schema';
import { compressionRatio, isSymlinkEntry } from '../../common/zip-entry';
import { diskError } from './download-errors';
import { commitFile, joinPackPath } from './store-fs';

type Rule = NonNullable<CatalogFile['extract']>[number];
type ManifestFile = PackManifest['files'][number];

const MAX_ENTRY_BYTES = 8 * 1024 ** 3;
/** Beyond this ratio an entry is a zip bomb, not a model (weights barely compress). */
const MAX_RATIO = 100;

/** Refusals of the archive itself: the zip is deleted, a retry downloads it afresh. */
const refusals = new WeakSet<AnyfillError>();

function refuse(label: string, why: string): AnyfillError {
  const err = new AnyfillError('INTEGRITY', `${label} holds ${why}; it was not installed and the download was deleted.`);
  refusals.add(err);
  return err;
}

/** Entries that can be what a rule means: files, not folders, nor macOS resource forks / hidden files. */
function candidate(e: yauzl.Entry): boolean {
  return !e.fileName.endsWith('/') && !e.fileName.split('/').some((seg) => seg.startsWith('.') || seg === '__MACOSX');
}

export async function extractZip(
  zipPath: string,
  label: string,
  rules: Rule[],
  packRoot: string,
  signal: AbortSignal,
): Promise<ManifestFile[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true });
  } catch (err) {
    throw await discard(zipPath, refuse(label, `no readable zip archive (${(err as Error).message})`));
  }
  try {
    const entries: yauzl.Entry[] = [];
    try {
      for await (const e of zip.eachEntry()) entries.push(e);
    } catch (err) {
      throw refuse(label, `an unsafe or broken entry (${(err as Error).message})`);
    }
    const picks = rules.map((rule) => pick(label, rule, entries));
    const files: ManifestFile[] = [];
    for (const [i, entry] of picks.entries())
      files.push(await extractOne(zip, entry, label, rules[i]!.to, { packRoot, tmp: `${zipPath}.${i}.extracting` }, signal));
    return files;
  } catch (err) {
    if (err instanceof AnyfillError && refusals.has(err)) throw await discard(zipPath, err);
    throw err;
  } finally {
    zip.close();
  }
}

function pick(label: string, rule: Rule, entries: yauzl.Entry[]): yauzl.Entry {
  const re = new RegExp(rule.match);
  const found = entries.filter((e) => candidate(e) && re.test(e.fileName));
  if (found.length !== 1) {
    const names = found.map((e) => e.fileName).join(', ');
    throw refuse(label, found.length ? `several entries for ${rule.to} (${names})` : `no entry for ${rule.to} (matching /${rule.match}/)`);
  }
  const e = found[0]!;
  if (isSymlinkEntry(e)) throw refuse(label, `a symbolic link (${e.fileName})`);
  if (e.isEncrypted()) throw refuse(label, `an encrypted entry (${e.fileName})`);
  const ratio = compressionRatio(e);
  if (e.uncompressedSize > MAX_ENTRY_BYTES || (ratio > MAX_RATIO && e.uncompressedSize > 64 * 1024 ** 2)) {
    throw refuse(label, `an oversized entry (${e.fileName}, ${e.uncompressedSize} bytes)`);
  }
  return e;
}

async function extractOne(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  label: string,
  to: string,
  where: { packRoot: string; tmp: string },
  signal: AbortSignal,
): Promise<ManifestFile> {
  const final = joinPackPath(where.packRoot, to);
  const { tmp } = where;
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    await fs.mkdir(path.dirname(final), { recursive: true });
    const handle = await fs.open(tmp, 'w');
    try {
      const stream = await zip.openReadStreamPromise(entry);
      const stop = () => stream.destroy(new Error('cancelled'));
      signal.addEventListener('abort', stop, { once: true });
      try {
        for await (const chunk of stream) {
          const buf = chunk as Buffer;
          bytes += buf.byteLength;
          if (bytes > entry.uncompressedSize) throw refuse(label, `an entry longer than it declares (${entry.fileName})`);
          hash.update(buf);
          await handle.write(buf);
        }
      } finally {
        signal.removeEventListener('abort', stop);
      }
    } finally {
      await handle.close();
    }
    await commitFile(tmp, final);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    if (signal.aborted || err instanceof AnyfillError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw code ? diskError(to, err) : refuse(label, `a damaged entry (${entry.fileName}: ${(err as Error).message})`);
  }
  return { path: to, bytes, sha256: hash.digest('hex') };
}

async function discard(zipPath: string, err: AnyfillError): Promise<AnyfillError> {
  await Promise.all([fs.rm(zipPath, { force: true }), fs.rm(`${zipPath}.json`, { force: true })]).catch(() => undefined);
  return err;
}
