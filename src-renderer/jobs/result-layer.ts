// Runs in: renderer. Landing a job's result as a layer, the one path for content-aware fill, an applied
// generative candidate and an extended canvas: the result's asset view is registered (bookkeeping, not
// history), the layer goes into the document in ONE undo step, and when the document could not take it
// (its photo went meanwhile) the view goes again and nothing changed.
import type { Draft } from 'immer';
import type { AssetInfo } from '../../src-shared/contract/payloads';
import { newLayerId, type AssetId, type LayerId } from '../../src-shared/document/ids';
import type { Provenance } from '../../src-shared/document/provenance';
import type { EditorDocument, ImageLayer } from '../../src-shared/document/types';
import { changeDocument } from '../core/state/document-actions';
import { getState, setState, type AssetView } from '../core/state/editor-store';

/** What a job made: its asset and proxy, where its pixels sit (document pixels), and what to call it. */
export interface JobResult {
  readonly asset: AssetInfo;
  readonly url: string;
  readonly proxyWidth: number;
  readonly proxyHeight: number;
  readonly x: number;
  readonly y: number;
  readonly name: string;
  readonly provenance?: Provenance;
}

/** The result as an image layer (a new id) and its asset view. */
export function resultLayer(r: JobResult): { layer: ImageLayer; view: AssetView } {
  const layer: ImageLayer = {
    id: newLayerId(),
    kind: 'image',
    name: r.name,
    assetId: r.asset.id,
    visible: true,
    opacity: 1,
    x: r.x,
    y: r.y,
    width: r.asset.width,
    height: r.asset.height,
    ...(r.provenance ? { provenance: r.provenance } : {}),
  };
  const view: AssetView = {
    url: r.url,
    thumbUrl: r.url,
    proxyWidth: r.proxyWidth,
    proxyHeight: r.proxyHeight,
    info: r.asset,
    decoded: 'ready',
  };
  return { layer, view };
}

/** Put `r` in the document with `place` (false: it could not), as one undo step `label`; true when it landed. */
export function landResult(
  label: string,
  r: JobResult,
  place: (d: Draft<EditorDocument>, layer: ImageLayer) => boolean,
): ImageLayer | null {
  const { layer, view } = resultLayer(r);
  const assetId = layer.assetId as AssetId;
  setState({ assets: { ...getState().assets, [assetId]: view } });
  let placed = false;
  const done = changeDocument(label, (d) => {
    placed = place(d, layer);
  });
  if (done && placed) return layer;
  const assets = { ...getState().assets };
  delete assets[assetId];
  setState({ assets });
  return null;
}

/**
 * A fill or an applied candidate: a new layer right above the photo it was made on, the selection's tint
 * hidden in the same step so the result is what the user sees, and the new layer active.
 */
export function commitResultLayer(label: string, above: ImageLayer, r: JobResult, selectionId: LayerId): boolean {
  const layer = landResult(label, r, (d, l) => {
    const at = d.layers.findIndex((x) => x.id === above.id);
    if (at < 0) return false;
    d.layers.splice(at + 1, 0, l);
    const sel = d.layers.find((x) => x.id === selectionId);
    if (sel) sel.visible = false;
    return true;
  });
  if (layer) setState({ activeLayerId: layer.id });
  return layer !== null;
}
