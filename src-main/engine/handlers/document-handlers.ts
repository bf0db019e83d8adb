// Runs in: engine process. document.exportPng: composite the visible layers at full resolution.
import { mkdir } from 'node:fs/promises';
import sharp from 'sharp';
import { newExportId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import type { EngineHandler } from '../engine-context';
import { ensureDecoded } from '../images/asset-store';
import { compositeLayers, dropAlpha, isOpaque, type CompositeLayer } from '../images/composite';
import { checkPixelCap, toWriteError } from '../images/errors';
import { MAX_PIXELS } from '../images/limits';
import { resolveInside, sessionRelative, writeFileAtomic } from '../images/session-files';

export const documentExportPng: EngineHandler<'document.exportPng'> = async (req, ctx) => {
  const doc = req.document;
  checkPixelCap(doc.width, doc.height, 'document');
  const rgba = compositeLayers(doc.width, doc.height, await loadLayers(ctx.sessionDir, doc));
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

/**
 * Decodes the visible layers' pixels one after another (not in parallel: each full decode can
 * be a gigabyte). Layers are drawn at their asset's decoded size.
 */
async function loadLayers(sessionDir: string, doc: EditorDocument): Promise<CompositeLayer[]> {
  const layers: CompositeLayer[] = [];
  for (const layer of doc.layers) {
    // Selections are masks, not pixels: the composite is what the image layers show.
    if (layer.kind !== 'image' || !layer.visible || layer.opacity === 0) continue;
    const { pixels } = await ensureDecoded(sessionDir, layer.assetId);
    layers.push({ pixels, x: layer.x, y: layer.y, opacity: layer.opacity });
  }
  return layers;
}

/** Lossless PNG; RGB when nothing is transparent (smaller, and what an opaque source had). */
async function encodePng(rgba: Buffer, width: number, height: number): Promise<Buffer> {
  const opaque = isOpaque(rgba);
  const data = opaque ? dropAlpha(rgba) : rgba;
  const channels = opaque ? 3 : 4;
  return sharp(data, { raw: { width, height, channels }, limitInputPixels: MAX_PIXELS })
    .png({ compressionLevel: 6 })
    .toBuffer();
}
