// Runs in: renderer. Putting a job's result (content-aware fill, an applied generative candidate) on
// the canvas: a new image layer right above the photo it was made on, in ONE undo step that also hides
// the selection's tint so the result is what the user sees. Its asset view is bookkeeping, not history.
import type { AssetId, LayerId } from '../../src-shared/document/ids';
import type { ImageLayer } from '../../src-shared/document/types';
import { changeDocument } from '../core/state/document-actions';
import { getState, setState, type AssetView } from '../core/state/editor-store';

export function commitResultLayer(label: string, above: ImageLayer, layer: ImageLayer, view: AssetView, selectionId: LayerId): boolean {
  setState({ assets: { ...getState().assets, [layer.assetId as AssetId]: view } });
  const done = changeDocument(label, (d) => {
    const at = d.layers.findIndex((l) => l.id === above.id);
    d.layers.splice(at + 1, 0, layer);
    const sel = d.layers.find((l) => l.id === selectionId);
    if (sel) sel.visible = false;
  });
  if (done) setState({ activeLayerId: layer.id });
  return done;
}
