// Runs in: engine process and the CLI. Writes a document as a folder of PNG layers: each image layer as
// its RGB(A) pixels, each selection layer as an 8-bit mask replayed at full resolution, `composite.png`
// (the visible image layers with opacity and offsets) and `layers.json` describing them bottom → top.
// Kept deliberately small: the UI's layer export (branch layer-export) is meant to absorb it.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import type { EditorDocument, Layer } from '../../../src-shared/document/types';
import type { EngineContext } from '../engine-context';
import { ensureDecoded } from '../images/asset-store';
import { compositeLayers, dropAlpha, isOpaque, type CompositeLayer } from '../images/composite';
import { checkPixelCap, toWriteError } from '../images/errors';
import { MAX_PIXELS } from '../images/limits';
import { writeFileAtomic } from '../images/session-files';
import { fullResSelectionMask } from '../selection/full-res-mask';

export interface ExportedLayer {
  index: number;
  id: string;
  name: string;
  kind: Layer['kind'];
  file: string;
  visible: boolean;
  opacity: number | null;
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface FolderExport { composite: string; layers: ExportedLayer[] }

export async function exportLayersToFolder(ctx: EngineContext, document: EditorDocument, dir: string): Promise<FolderExport> {
  checkPixelCap(document.width, document.height, 'document');
  try {
    await mkdir(dir, { recursive: true });
    const layers: ExportedLayer[] = [];
    const drawn: CompositeLayer[] = [];
    for (const [index, layer] of document.layers.entries()) {
      const { pixels } = await ensureDecoded(ctx.sessionDir, layer.assetId);
      const file = `${String(index + 1).padStart(2, '0')}-${slug(layer.name)}.png`;
      // A selection sits where the first image layer showing its asset sits.
      const host = layer.kind === 'image' ? layer : document.layers.find((l) => l.kind === 'image' && l.assetId === layer.assetId);
      const [x, y] = host?.kind === 'image' ? [host.x, host.y] : [0, 0];
      if (layer.kind === 'image') {
        await writeFileAtomic(path.join(dir, file), await png(pixels.data, pixels.width, pixels.height, pixels.channels));
        if (layer.visible && layer.opacity > 0) drawn.push({ pixels, x, y, opacity: layer.opacity });
      } else {
        const mask = fullResSelectionMask(layer, pixels);
        await writeFileAtomic(path.join(dir, file), await png(Buffer.from(mask.data.buffer, mask.data.byteOffset, mask.data.length), mask.width, mask.height, 1));
      }
      const opacity = layer.kind === 'image' ? layer.opacity : null;
      layers.push({ index, id: layer.id, name: layer.name, kind: layer.kind, file, visible: layer.visible, opacity, x, y, width: pixels.width, height: pixels.height });
    }
    const rgba = compositeLayers(document.width, document.height, drawn);
    const opaque = isOpaque(rgba);
    await writeFileAtomic(path.join(dir, 'composite.png'), await png(opaque ? dropAlpha(rgba) : rgba, document.width, document.height, opaque ? 3 : 4));
    const result: FolderExport = { composite: 'composite.png', layers };
    const description = { name: document.name, width: document.width, height: document.height, ...result };
    await writeFileAtomic(path.join(dir, 'layers.json'), `${JSON.stringify(description, null, 2)}\n`);
    return result;
  } catch (err) {
    throw toWriteError(err);
  }
}

/** Lossless 8-bit PNG: grey for masks, RGB or RGBA as the pixels are. */
function png(data: Buffer, width: number, height: number, channels: 1 | 3 | 4): Promise<Buffer> {
  const img = sharp(data, { raw: { width, height, channels }, limitInputPixels: MAX_PIXELS });
  return (channels === 1 ? img.toColourspace('b-w') : img).png({ compressionLevel: 6 }).toBuffer();
}

/** A file-name part any file system takes: lower-case letters, digits and dashes (the index keeps names unique). */
function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'layer';
}
