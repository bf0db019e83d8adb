// Runs in: engine process and the CLI. Streams a project's zip into a new file and makes it durable
// (fsync) before anyone renames it into place. PNGs are stored as they are (they are compressed already);
// the manifest is deflated. The save hook is called between the steps so tests can fail or kill a save there.
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { MANIFEST_ENTRY } from '../../../src-shared/project/manifest';
import { HASH_SLICE_BYTES } from './hash-in-slices';
import type { ProjectContents } from './project-contents';

export type SavePoint = 'before-write' | 'mid-write' | 'before-rename' | 'after-rename';
/** Runs at each point of a save; throwing there fails the save as a disk error would. */
export type SaveHook = (point: SavePoint, where: { tmp: string; target: string }) => void | Promise<void>;

/** Writes the zip to `tmp` (which must not exist yet), fsyncs and closes it; returns its size. */
export async function writeProjectZip(tmp: string, contents: ProjectContents, atMidWrite: () => Promise<void>): Promise<number> {
  const zip = new yazl.ZipFile();
  // A fixed time: the same document saves to the same bytes, and no clock leaks into the file.
  const mtime = new Date(Date.UTC(2000, 0, 1));
  // Streamed a slice at a time, not added whole: yazl checksums (CRC-32) an added buffer in one go, over a
  // second on the main thread for a 250 MP asset; a stream's CRC is taken chunk by chunk as it is written.
  for (const [path, png] of contents.pngs)
    zip.addReadStream(Readable.from(slicesOf(png)), path, { compress: false, size: png.length, mtime, mode: 0o100644 });
  zip.addBuffer(Buffer.from(JSON.stringify(contents.manifest)), MANIFEST_ENTRY, { compress: true, mtime, mode: 0o100644 });
  zip.end();

  const handle = await open(tmp, 'wx', 0o644);
  let bytes = 0;
  try {
    let first = true;
    for await (const chunk of zip.outputStream) {
      const buf = chunk as Buffer;
      await handle.write(buf);
      bytes += buf.byteLength;
      if (first) {
        first = false;
        await atMidWrite();
      }
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return bytes;
}

/** The bytes in slices, with a turn of the event loop before each, so requests are answered in between. */
async function* slicesOf(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let at = 0; at < bytes.length; at += HASH_SLICE_BYTES) {
    await new Promise((resolve) => setImmediate(resolve));
    yield bytes.subarray(at, at + HASH_SLICE_BYTES);
  }
}
