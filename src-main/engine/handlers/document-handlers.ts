// Runs in: engine process. document.exportPng: composite the visible layers at full resolution.
import { mkdir } from 'node:fs/promises';
import { newExportId } from '../../../src-shared/document/ids';
import type { EngineHandler } from '../engine-context';
import { compositeDocument, encodePng } from '../export/composite-document';
import { toWriteError } from '../images/errors';
import { resolveInside, sessionRelative, writeFileAtomic } from '../images/session-files';

export const documentExportPng: EngineHandler<'document.exportPng'> = async (req, ctx) => {
  const doc = req.document;
  const rgba = await compositeDocument(ctx.services.assets, doc);
  const png = await encodePng(rgba, doc.width, doc.height);

  const id = newExportId();
  try {
    await mkdir(resolveInside(ctx.sessionDir, 'exports'), { recursive: true });
    const file = resolveInside(ctx.sessionDir, 'exports', `${id}.png`);
    await writeFileAtomic(file, png);
    return { id, file: { path: sessionRelative(ctx.sessionDir, file), width: doc.width, height: doc.height }, bytes: png.length };
  } catch (err) {
    throw toWriteError(err);
  }
};
