// Runs in: renderer. The history panel's actions: jump to a step (one document change however many
// steps it spans) and show / hide the panel. [Note: history]
import { applyPatches } from 'immer';
import { create } from 'zustand';
import { keepActiveLayerValid } from '../core/state/document-actions';
import { getState, setState } from '../core/state/editor-store';
import { jumpTo } from '../core/state/history';

/** View state only: whether the panel is shown. Not in the document, not in history. */
export const useHistoryUi = create<{ open: boolean }>()(() => ({ open: false }));

export function toggleHistoryPanel(): void {
  useHistoryUi.setState({ open: !useHistoryUi.getState().open });
}

/** Undo or redo until exactly `target` steps are applied (0: the document as opened). */
export function goToStep(target: number): void {
  const { document, history } = getState();
  const jump = document ? jumpTo(history, target) : null;
  if (!document || !jump) return;
  setState({ document: jump.apply.length ? applyPatches(document, jump.apply as never) : document, history: jump.history });
  keepActiveLayerValid();
}
