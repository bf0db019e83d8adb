// Runs in: engine process. The layered PSD (ag-psd): one pixel layer per image layer with its name, offset,
// opacity and visibility, in document order, and the composite as the merged image.
// Selections become hidden layers holding the image's pixels over the mask's bounding box under a layer
// mask of the selection: a layer mask is Photoshop's own editable form of a selection (Ctrl-click loads
// it as one), turning the layer on shows the cut-out, and hidden it leaves the merged image as it is.
// Pixels are gathered here; the encoding runs in the export worker (psd-layers.ts).
import type { EditorDocument } from '../../../src-shared/document/types';
import type { AssetStore } from '../images/asset-store';
import { selectionMaskOffThread } from '../selection/mask-off-thread';
import { exportOffThread } from './export-off-thread';
import type { PsdPart } from './psd-layers';
import { selectionOrigin } from './selection-parts';

/** The PSD file's bytes; `composite` is the document's RGBA composite (compositeDocument). */
export async function buildLayeredPsd(assets: AssetStore, doc: EditorDocument, composite: Buffer): Promise<Buffer> {
  const parts: PsdPart[] = [];
  for (const layer of doc.layers) {
    const { pixels } = await assets.ensureDecoded(layer.assetId);
    if (layer.kind === 'image')
      parts.push({ kind: 'image', name: layer.name, x: layer.x, y: layer.y, opacity: layer.opacity, hidden: !layer.visible, pixels });
    else
      parts.push({
        kind: 'selection',
        name: layer.name,
        origin: selectionOrigin(doc, layer),
        pixels,
        mask: await selectionMaskOffThread(layer, pixels),
      });
  }
  return exportOffThread({ task: 'psd', width: doc.width, height: doc.height, parts, composite });
}
