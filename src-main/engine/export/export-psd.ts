// Runs in: engine process. The layered PSD (ag-psd): one pixel layer per image layer with its name, offset,
// opacity and visibility, in document order, and the composite as the merged image.
// Selections become hidden layers holding the image's pixels over the mask's bounding box under a layer
// mask of the selection: a layer mask is Photoshop's own editable form of a selection (Ctrl-click loads
// it as one), turning the layer on shows the cut-out, and hidden it leaves the merged image as it is.
import { writePsdBuffer, type Layer, type Psd } from 'ag-psd';
import type { EditorDocument, ImageLayer, SelectionLayer } from '../../../src-shared/document/types';
import { ensureDecoded } from '../images/asset-store';
import { selectionMaskOffThread } from '../selection/mask-off-thread';
import { cropMask, cropRgba, selectionOrigin, toRgba } from './selection-parts';
import { bbox } from '../../../src-shared/masks';

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** The PSD file's bytes; `composite` is the document's RGBA composite (compositeDocument). */
export async function buildLayeredPsd(sessionDir: string, doc: EditorDocument, composite: Buffer): Promise<Buffer> {
  const children: Layer[] = [];
  for (const layer of doc.layers) {
    const psdLayer = layer.kind === 'image' ? await imageLayer(sessionDir, layer) : await selectionLayer(sessionDir, doc, layer);
    if (psdLayer) children.push(psdLayer);
  }
  const psd: Psd = {
    width: doc.width,
    height: doc.height,
    children,
    imageData: { width: doc.width, height: doc.height, data: bytes(composite) },
  };
  // noBackground: the bottom layer stays a layer (its offset and opacity kept), not a locked background.
  return writePsdBuffer(psd, { noBackground: true, generateThumbnail: false });
}

async function imageLayer(sessionDir: string, layer: ImageLayer): Promise<Layer> {
  const { pixels } = await ensureDecoded(sessionDir, layer.assetId);
  return {
    name: layer.name,
    left: layer.x,
    top: layer.y,
    right: layer.x + pixels.width,
    bottom: layer.y + pixels.height,
    opacity: layer.opacity,
    hidden: !layer.visible,
    imageData: { width: pixels.width, height: pixels.height, data: bytes(toRgba(pixels)) },
  };
}

/** null for an empty selection (nothing to show or load). */
async function selectionLayer(sessionDir: string, doc: EditorDocument, layer: SelectionLayer): Promise<Layer | null> {
  const { pixels } = await ensureDecoded(sessionDir, layer.assetId);
  const mask = await selectionMaskOffThread(layer, pixels);
  const rect = bbox(mask);
  if (!rect) return null;
  const origin = selectionOrigin(doc, layer);
  const place = { left: origin.x + rect.x, top: origin.y + rect.y, right: origin.x + rect.x + rect.width, bottom: origin.y + rect.y + rect.height };
  // ag-psd reads a mask's coverage from the red channel of an RGBA buffer.
  const grey = cropMask(mask, rect);
  const maskRgba = Buffer.alloc(grey.length * 4, 255);
  for (let i = 0; i < grey.length; i++) maskRgba[i * 4] = maskRgba[i * 4 + 1] = maskRgba[i * 4 + 2] = grey[i]!;
  return {
    name: layer.name,
    ...place,
    opacity: 1,
    hidden: true,
    imageData: { width: rect.width, height: rect.height, data: bytes(cropRgba(pixels, rect)) },
    mask: { ...place, defaultColor: 0, imageData: { width: rect.width, height: rect.height, data: bytes(maskRgba) } },
  };
}
