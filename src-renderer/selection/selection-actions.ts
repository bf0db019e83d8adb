// Runs in: renderer. The selection objects' API: create, change (one undo step each), open/close for more
// clicks, live op preview. [Note: selection] The document holds prompts, logits, strokes and ops only.
import { newLayerId, type AssetId, type LayerId } from '../../src-shared/document/ids';
import type { MaskOp, SelectionLayer } from '../../src-shared/document/selection';
import { changeDocument } from '../core/state/document-actions';
import { getState, setState, useEditor } from '../core/state/editor-store';
import type { Capture } from '../core/state/history';
import { nextSelectionColour, nextSelectionName } from './palette';
import { getSelectionUi, setSelectionUi } from './selection-store';

export function isSelection(l: { kind: string } | undefined | null): l is SelectionLayer {
  return l?.kind === 'selection';
}

export function findSelection(id: LayerId | null | undefined): SelectionLayer | null {
  if (!id) return null;
  const l = getState().document?.layers.find((x) => x.id === id);
  return isSelection(l) ? l : null;
}

export interface SelectionInit {
  assetId: AssetId;
  prompt: SelectionLayer['prompt'];
  sam: SelectionLayer['sam'];
  name?: string;
  /** Brush strokes it starts with (a brush-only selection). */
  strokes?: SelectionLayer['strokes'];
  /** Magic-wand clicks it starts with. */
  wand?: SelectionLayer['wand'];
  /** A layer id reserved earlier (the select tool's first click, before the engine answered). */
  id?: LayerId;
  /** Mask operations it starts with (Select All: an inverted empty mask). */
  ops?: SelectionLayer['ops'];
}

/** A new selection on top of the stack: one undo step; it becomes the active selection. */
export function createSelection(init: SelectionInit, label = 'New selection'): LayerId {
  const doc = getState().document;
  if (!doc) throw new Error('createSelection: no document is open');
  const layer: SelectionLayer = {
    id: init.id ?? newLayerId(),
    kind: 'selection',
    name: (init.name?.trim() || nextSelectionName(doc.layers)).slice(0, 200),
    visible: true,
    colour: nextSelectionColour(doc.layers),
    assetId: init.assetId,
    prompt: init.prompt,
    sam: init.sam,
    ...(init.wand ? { wand: init.wand } : {}),
    strokes: init.strokes ?? [],
    ops: init.ops ? [...init.ops] : [],
  };
  changeDocument(label, (d) => void d.layers.push(layer));
  setActiveSelection(layer.id);
  return layer.id;
}

/** Change one selection; a no-op recipe records nothing. */
export function updateSelection(id: LayerId, recipe: (draft: SelectionLayer) => void, label: string, capture: Capture = 'immediate'): void {
  changeDocument(
    label,
    (d) => {
      const l = d.layers.find((x) => x.id === id);
      if (l && l.kind === 'selection') recipe(l as SelectionLayer);
    },
    capture,
  );
}

export function getActiveSelection(): SelectionLayer | null {
  return findSelection(getSelectionUi().activeId);
}

/** Open a selection for more clicks and strokes (null: finish; the next click starts a new one). */
export function setActiveSelection(id: LayerId | null): void {
  const ui = getSelectionUi();
  if (ui.activeId === id) return;
  setSelectionUi({ activeId: id, lastRun: ui.lastRun && ui.lastRun.layerId === id ? ui.lastRun : null });
  // A selection a first click is starting is not a layer yet: the layers panel and canvas keep showing
  // the current one (no repaint before the answer); createSelection makes it active when it lands.
  if (id && getState().document?.layers.some((l) => l.id === id)) setState({ activeLayerId: id });
}

/** The overlay shows the layer with these ops instead of its own, without touching the document. */
export function setSelectionPreview(preview: { layerId: LayerId; ops: MaskOp[] } | null): void {
  setSelectionUi({ preview });
}

/** Keep the view state consistent with the document after undo, redo, delete or a new document. */
export function installSelectionSync(isPending: (id: LayerId) => boolean = () => false): () => void {
  return useEditor.subscribe((s, prev) => {
    if (s.document === prev.document) return;
    const ui = getSelectionUi();
    const alive = (id: LayerId | null | undefined) => !!id && !!s.document?.layers.some((l) => l.id === id && l.kind === 'selection');
    const patch: { activeId?: null; preview?: null; lastRun?: null } = {};
    if (ui.activeId && !alive(ui.activeId) && !isPending(ui.activeId)) patch.activeId = null;
    if (ui.preview && !alive(ui.preview.layerId)) patch.preview = null;
    if (ui.lastRun && !alive(ui.lastRun.layerId)) patch.lastRun = null;
    if (Object.keys(patch).length) setSelectionUi(patch);
  });
}
