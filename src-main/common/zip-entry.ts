// Runs in: engine process and the CLI. Checks on a zip entry's header that every archive Anyfill reads
// shares (model packs, project files): symbolic links and compression ratio (zip bombs).
import type yauzl from 'yauzl';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Unix mode bits live in the high half of the external attributes; a link there is never a file. */
export function isSymlinkEntry(e: yauzl.Entry): boolean {
  return ((e.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

/** Uncompressed bytes per stored byte, as the header declares it (yauzl checks the real size while reading). */
export function compressionRatio(e: yauzl.Entry): number {
  return e.uncompressedSize / Math.max(1, e.compressedSize);
}
