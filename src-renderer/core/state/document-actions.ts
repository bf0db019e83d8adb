// Runs in: renderer. Every change to the document goes through here, so every change can be undone.
// [Note: history] explains the capture policy and gestures.
import { applyPatches, enablePatches, produceWithPatches, type Draft } from 'immer';
import type { AssetId, LayerId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import { getState, setState, type AssetView } from './editor-store';
import {
  beginGesture,
  canRedo,
  canUndo,
  cancelGesture,
  emptyHistory,
  endGesture,
  record,
  redoStep,
  undoStep,
  type Capture,
} from './history';

enablePatches();

/** Apply a recipe to the open document; returns false when no document is open or nothing changed. */
export function changeDocument(label: string, recipe: (d: Draft<EditorDocument>) => void, capture: Capture = 'immediate'): boolean {
  const { document, history } = getState();
  if (!document) return false;
  const [next, patches, inversePatches] = produceWithPatches(document, recipe);
  if (patches.length === 0) return false;
  setState({ document: next, history: record(history, { label, patches, inversePatches }, capture) });
  keepActiveLayerValid();
  return true;
}

export function beginDocumentGesture(label: string): void {
  setState({ history: beginGesture(getState().history, label) });
}

export function endDocumentGesture(): void {
  setState({ history: endGesture(getState().history) });
}

export function cancelDocumentGesture(): void {
  const { document, history } = getState();
  const { history: next, rollback } = cancelGesture(history);
  setState({ history: next, document: document && rollback.length ? applyPatches(document, rollback as never) : document });
}

export function undo(): void {
  const { document, history } = getState();
  const step = document && canUndo(history) ? undoStep(history) : null;
  if (!document || !step) return;
  setState({ document: applyPatches(document, step.apply as never), history: step.history });
  keepActiveLayerValid();
}

export function redo(): void {
  const { document, history } = getState();
  const step = document && canRedo(history) ? redoStep(history) : null;
  if (!document || !step) return;
  setState({ document: applyPatches(document, step.apply as never), history: step.history });
  keepActiveLayerValid();
}

/**
 * Replace the open document (or open the first one). History restarts: patches of another document
 * must never be applied to this one. Returns the assets the old document used, for the caller to release.
 */
export function loadDocument(document: EditorDocument | null, assets: Record<AssetId, AssetView>): AssetId[] {
  const old = Object.keys(getState().assets) as AssetId[];
  setState({
    document,
    assets,
    history: emptyHistory,
    activeLayerId: restingLayer(document?.layers ?? []),
    userZoomed: false,
  });
  return old.filter((id) => !(id in assets));
}

/**
 * The layer that is active when nothing was chosen (a document opened or restored, the active one gone):
 * the topmost image. Not a selection: no selection is open then, and the Layers, Refine and Fill panels
 * must agree that none is active.
 */
export function restingLayer(layers: EditorDocument['layers']): LayerId | null {
  const images = layers.filter((l) => l.kind === 'image');
  return (images[images.length - 1] ?? layers[layers.length - 1])?.id ?? null;
}

/** The active layer must exist; after undo/delete fall back to the topmost image. */
export function keepActiveLayerValid(): void {
  const { document, activeLayerId } = getState();
  const layers = document?.layers ?? [];
  if (activeLayerId && layers.some((l) => l.id === activeLayerId)) return;
  setState({ activeLayerId: restingLayer(layers) });
}
