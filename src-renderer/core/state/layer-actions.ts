// Runs in: renderer. Undoable layer edits (visibility, opacity, name, order, delete, add).
import type { Draft } from 'immer';
import type { AssetId, LayerId } from '../../../src-shared/document/ids';
import type { EditorDocument, ImageLayer, Layer } from '../../../src-shared/document/types';
import { changeDocument } from './document-actions';
import { getState, setState, type AssetView } from './editor-store';

function find(d: Draft<EditorDocument>, id: LayerId): Draft<Layer> | undefined {
  return d.layers.find((l) => l.id === id);
}

/** History labels name the layer (Hide layer "Selection 1"): a list of bare "Hide layer" steps says little. */
export const layerLabel = (name: string | undefined): string => (name ? `layer "${name}"` : 'layer');
const nameOf = (id: LayerId): string => layerLabel(getState().document?.layers.find((l) => l.id === id)?.name);

/** Make a layer active. An open selection stays open (as in Photoshop): Delete then clears this layer under it. */
export function setActiveLayer(id: LayerId): void {
  setState({ activeLayerId: id });
}

export function setLayerVisible(id: LayerId, visible: boolean): void {
  changeDocument(`${visible ? 'Show' : 'Hide'} ${nameOf(id)}`, (d) => {
    const l = find(d, id);
    if (l) l.visible = visible;
  });
}

export function toggleLayerVisible(id: LayerId): void {
  const layer = getState().document?.layers.find((l) => l.id === id);
  if (layer) setLayerVisible(id, !layer.visible);
}

/** One call per input event; a slider wraps its drag in begin/endDocumentGesture so it is one undo step. */
export function setLayerOpacity(id: LayerId, opacity: number): void {
  const value = Math.round(Math.min(1, Math.max(0, opacity)) * 100) / 100;
  changeDocument(`Opacity of ${nameOf(id)}`, (d) => {
    const l = find(d, id);
    if (l && l.kind === 'image') l.opacity = value;
  });
}

export function renameLayer(id: LayerId, name: string): void {
  const clean = name.trim().slice(0, 200);
  if (!clean) return;
  changeDocument(`Rename ${nameOf(id)} to "${clean}"`, (d) => {
    const l = find(d, id);
    if (l) l.name = clean;
  });
}

export function deleteLayer(id: LayerId): void {
  // The asset stays known (and held by the engine) so that undo brings the layer back with its pixels.
  changeDocument(`Delete ${nameOf(id)}`, (d) => {
    const i = d.layers.findIndex((l) => l.id === id);
    if (i >= 0) d.layers.splice(i, 1);
  });
}

/** dir = 1 moves toward the top of the stack (drawn later), -1 toward the bottom. */
export function moveLayer(id: LayerId, dir: 1 | -1): void {
  changeDocument(`Move ${nameOf(id)} ${dir > 0 ? 'up' : 'down'}`, (d) => {
    const i = d.layers.findIndex((l) => l.id === id);
    const j = i + dir;
    if (i < 0 || j < 0 || j >= d.layers.length) return;
    const [layer] = d.layers.splice(i, 1);
    d.layers.splice(j, 0, layer!);
  });
}

export function canMoveLayer(doc: EditorDocument | null, id: LayerId | null, dir: 1 | -1): boolean {
  if (!doc || !id) return false;
  const i = doc.layers.findIndex((l) => l.id === id);
  return i >= 0 && i + dir >= 0 && i + dir < doc.layers.length;
}

/** Add an image on top (paste into an open document). The asset view is bookkeeping, not history. */
export function addImageLayer(layer: ImageLayer, asset: AssetView): void {
  setState({ assets: { ...getState().assets, [layer.assetId as AssetId]: asset } });
  if (changeDocument(`Paste ${layerLabel(layer.name)}`, (d) => void d.layers.push(layer))) setState({ activeLayerId: layer.id });
}
