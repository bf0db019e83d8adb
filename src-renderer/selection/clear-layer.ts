// Runs in: renderer. Delete with a selection while a result layer (a fill, an applied candidate, a pasted
// image) is the active layer: the layer's pixels under the selection become transparent — a new asset
// swapped in as ONE undo step (undo swaps the old one back). The photo itself is never changed.
import type { AssetId } from '../../src-shared/document/ids';
import type { ImageLayer } from '../../src-shared/document/types';
import type { SelectionLayer } from '../../src-shared/document/selection';
import { getApi, userMessage } from '../core/bridge/api';
import { imageLayerOf } from '../core/viewport/geometry';
import { changeDocument } from '../core/state/document-actions';
import { getState, setState } from '../core/state/editor-store';
import { layerLabel } from '../core/state/layer-actions';
import { showError, showNotice } from '../core/state/messages';
import { loadImage } from '../core/images/image-cache';
import { proxySideForScreen, release } from '../core/images/proxy';

export async function clearLayerUnder(layer: ImageLayer, selection: SelectionLayer): Promise<void> {
  const doc = getState().document;
  const photo = imageLayerOf(doc, selection.assetId as AssetId);
  if (!doc || !photo) return;
  const request = {
    assetId: layer.assetId,
    selection,
    offsetX: layer.x - photo.x,
    offsetY: layer.y - photo.y,
    maxProxySide: proxySideForScreen(),
  };
  let cleared;
  try {
    const r = await getApi().invoke('layer.clear', request);
    if (!r.cleared) {
      showNotice(`“${selection.name}” covers nothing of ${layerLabel(layer.name)}; nothing was cleared.`);
      return;
    }
    cleared = r.cleared;
    await loadImage(getApi().fileUrl(cleared.proxy.path));
  } catch (err) {
    if (cleared) release([cleared.asset.id]);
    showError(userMessage(err, `Could not clear ${layerLabel(layer.name)}; nothing was changed.`));
    return;
  }
  const url = getApi().fileUrl(cleared.proxy.path);
  setState({
    assets: {
      ...getState().assets,
      [cleared.asset.id]: {
        url,
        thumbUrl: url,
        proxyWidth: cleared.proxy.width,
        proxyHeight: cleared.proxy.height,
        info: cleared.asset,
        decoded: 'ready',
      },
    },
  });
  const done =
    getState().document?.id === doc.id &&
    changeDocument(`Clear ${layerLabel(layer.name)} under "${selection.name}"`, (d) => {
      const l = d.layers.find((x) => x.id === layer.id);
      if (l?.kind === 'image' && l.assetId === layer.assetId) l.assetId = cleared.asset.id;
    });
  if (!done) release([cleared.asset.id]); // the layer went away or changed meanwhile: keep nothing
}
