// Runs in: engine process. image.open's pipeline: check the staged file, sniff, probe, stage the
// source, write the first proxy. The full decode is left to the caller to start in the background.
import { open, stat } from 'node:fs/promises';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { AssetInfo, SessionFile } from '../../../src-shared/contract/payloads';
import { newAssetId, type StagedFileId } from '../../../src-shared/document/ids';
import { removeAssetDir, saveMeta, sourcePath, stageSource, type AssetMeta } from './asset-files';
import type { AssetStore, Decoded } from './asset-store';
import { decodeFile, probeFile, type Source } from './decode';
import { errnoCode, toImageError } from './errors';
import { checkImageBudget } from './budget';
import { MAX_FILE_BYTES, SNIFF_BYTES, formatBytes } from './limits';
import { ensureProxy } from './proxy';
import { resolveInside } from './session-files';
import { sniffFormat } from './sniff';

export interface Opened {
  asset: AssetInfo;
  proxy: SessionFile;
}

export interface OpenOptions {
  /** The file's name, for messages. */
  name?: string;
  /** The user agreed to open an image that needs gigabytes of memory or looks like a decompression bomb. */
  allowLarge?: boolean;
}

export async function openImage(
  assets: AssetStore,
  fileId: StagedFileId,
  maxProxySide: number,
  options: OpenOptions = {},
): Promise<Opened> {
  const { sessionDir } = assets;
  const inboxFile = resolveInside(sessionDir, 'inbox', fileId);
  const { head, size } = await readHead(inboxFile);
  const format = sniffFormat(head);
  const probe = await probeFile(inboxFile, format);
  // Headers only so far: ask before a proxy or a decode allocates what the header claims.
  checkImageBudget(
    { width: probe.width, height: probe.height, fileBytes: size, name: options.name ?? 'The image' },
    options.allowLarge ?? false,
  );

  const id = newAssetId();
  try {
    await stageSource(inboxFile, sessionDir, id);
    let decoded: Decoded | undefined;
    let source: Source = { kind: 'file', path: sourcePath(sessionDir, id) };
    if (format === 'bmp') {
      // Our BMP decoder is the only way to read a BMP at all, so its full decode comes first.
      const started = performance.now();
      const pixels = await decodeFile(source.path, format);
      decoded = { pixels, decodeMs: Math.round(performance.now() - started) };
      source = { kind: 'pixels', pixels };
    }
    const info: AssetInfo = {
      id,
      width: probe.width,
      height: probe.height,
      format,
      hasAlpha: decoded ? decoded.pixels.channels === 4 : probe.hasAlpha,
      orientation: probe.orientation,
      notices: probe.notices,
    };
    const meta: AssetMeta = { version: 1, info, format };
    const proxy = await ensureProxy(sessionDir, meta, maxProxySide, () => Promise.resolve(source));
    // meta.json last: an asset folder without it was never handed out, and is never reloaded.
    await saveMeta(sessionDir, meta);
    assets.register(meta, decoded);
    return { asset: info, proxy };
  } catch (err) {
    await removeAssetDir(sessionDir, id).catch(() => undefined);
    throw toImageError(err);
  }
}

/** The first bytes of a staged file and its size, after checking it exists and is not empty or huge. */
async function readHead(file: string): Promise<{ head: Uint8Array; size: number }> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOENT' });
    size = s.size;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') {
      throw new AnyfillError('NOT_FOUND', 'The file to open is no longer available; try opening it again.', file);
    }
    throw toImageError(err);
  }
  if (size === 0) throw new AnyfillError('EMPTY_FILE', 'This file is empty (0 bytes), so there is no image to open.');
  if (size > MAX_FILE_BYTES) {
    const [shown, cap] = [formatBytes(size), formatBytes(MAX_FILE_BYTES)];
    // Rounding can make both sizes read "2 GB"; say "just over" rather than contradict ourselves.
    const said = shown === cap ? `just over ${cap}` : shown;
    throw new AnyfillError('TOO_LARGE', `The file is ${said}; Anyfill opens files up to ${cap}.`);
  }
  try {
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(size, SNIFF_BYTES));
      const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
      return { head: buf.subarray(0, bytesRead), size };
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw toImageError(err);
  }
}
