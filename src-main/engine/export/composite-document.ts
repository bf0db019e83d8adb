// Runs in: engine process. The document's composite at full resolution, shared by document.exportPng and
// the layered export so composite.png is byte for byte the PNG that Export PNG gives.
import type { EditorDocument } from '../../../src-shared/document/types';
import type { AssetStore } from '../images/asset-store';
import type { CompositeLayer } from '../images/composite';
import { checkPixelCap } from '../images/errors';
import { exportOffThread } from './export-off-thread';
import { encodeExportPng } from './png-out';

/** RGBA canvas of the document's size with its visible image layers drawn bottom → top. */
export async function compositeDocument(assets: AssetStore, doc: EditorDocument): Promise<Buffer> {
  checkPixelCap(doc.width, doc.height, 'document');
  // Blended in the export worker: seconds of CPU at 12 MP with a few layers ([Note: cost limits]).
  return exportOffThread({ task: 'composite', width: doc.width, height: doc.height, layers: await loadLayers(assets, doc) });
}

/**
 * Decodes the visible layers' pixels one after another (not in parallel: each full decode can
 * be a gigabyte). Layers are drawn at their asset's decoded size.
 */
async function loadLayers(assets: AssetStore, doc: EditorDocument): Promise<CompositeLayer[]> {
  const layers: CompositeLayer[] = [];
  for (const layer of doc.layers) {
    // Selections are masks, not pixels: the composite is what the image layers show.
    if (layer.kind !== 'image' || !layer.visible || layer.opacity === 0) continue;
    const { pixels } = await assets.ensureDecoded(layer.assetId);
    layers.push({ pixels, x: layer.x, y: layer.y, opacity: layer.opacity });
  }
  return layers;
}

/** Lossless PNG; RGB when nothing is transparent (smaller, and what an opaque source had). */
export function encodePng(rgba: Buffer, width: number, height: number): Promise<Buffer> {
  return encodeExportPng({ data: rgba, width, height, channels: 4 });
}
