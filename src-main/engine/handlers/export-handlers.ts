// Runs in: engine process. document.exportLayers (browser host and renderer: a zip of the layered folder
// plus the PSD, both as session exports) and document.exportLayersTo (hosts and the CLI: a folder on disk).
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { ExportResult } from '../../../src-shared/contract/payloads';
import { newExportId } from '../../../src-shared/document/ids';
import { slugify } from '../../../src-shared/export/file-names';
import type { EngineHandler } from '../engine-context';
import { exportLayersToFolder } from '../export/export-folder';
import { zipFolder } from '../export/zip-folder';
import { toWriteError } from '../images/errors';
import { resolveInside, sessionRelative } from '../images/session-files';

export const documentExportLayers: EngineHandler<'document.exportLayers'> = async (req, ctx) => {
  const doc = req.document;
  const exports = resolveInside(ctx.sessionDir, 'exports');
  const folderId = newExportId();
  const tmpDir = path.join(exports, `${folderId}.parts`);
  const psdId = req.choices.psd ? newExportId() : null;
  const psdPath = psdId ? path.join(exports, `${psdId}.psd`) : undefined;
  try {
    const manifest = await exportLayersToFolder(ctx, doc, tmpDir, req.choices, {
      folderLabel: 'the export',
      ...(psdPath ? { psdPath } : {}),
    });
    // Only the PSD chosen: the folder holds layers.json alone, which is no download of its own.
    const zipped = manifest.files.length > 1;
    if (zipped)
      await zipFolder(
        tmpDir,
        manifest.files,
        `${slugify(doc.name.replace(/\.[A-Za-z0-9]{1,5}$/, ''), 'image')}-layers`,
        path.join(exports, `${folderId}.zip`),
      );
    const result = async (id: typeof folderId, ext: 'zip' | 'psd'): Promise<ExportResult> => {
      const file = path.join(exports, `${id}.${ext}`);
      return {
        id,
        file: { path: sessionRelative(ctx.sessionDir, file), width: doc.width, height: doc.height },
        bytes: (await stat(file)).size,
      };
    };
    return { zip: zipped ? await result(folderId, 'zip') : null, psd: psdId ? await result(psdId, 'psd') : null, manifest };
  } catch (err) {
    throw toWriteError(err);
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
};

export const documentExportLayersTo: EngineHandler<'document.exportLayersTo'> = async (req, ctx) => {
  if (!path.isAbsolute(req.dir)) throw new AnyfillError('BAD_REQUEST', 'The export folder must be an absolute path.', req.dir);
  const manifest = await exportLayersToFolder(ctx, req.document, req.dir, req.choices);
  return { dir: path.resolve(req.dir), manifest };
};
