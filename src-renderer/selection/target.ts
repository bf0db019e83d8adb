// Runs in: renderer. The selection a fill or a generation acts on, one rule for the Fill panel, Remove,
// Generate and their commands: the active layer when it is a selection, else the selection open for more clicks.
import type { LayerId } from '../../src-shared/document/ids';
import type { SelectionLayer } from '../../src-shared/document/selection';
import type { EditorDocument } from '../../src-shared/document/types';
import { getState, useEditor } from '../core/state/editor-store';
import { getSelectionUi, useSelectionUi } from './selection-store';

export function targetSelectionIn(
  doc: EditorDocument | null,
  activeLayerId: LayerId | null,
  openId: LayerId | null,
): SelectionLayer | null {
  const pick = (id: LayerId | null) => (id ? doc?.layers.find((l) => l.id === id) : undefined);
  const active = pick(activeLayerId);
  if (active?.kind === 'selection') return active;
  const open = pick(openId);
  return open?.kind === 'selection' ? open : null;
}

/** Now, for actions and commands. */
export function targetSelection(): SelectionLayer | null {
  const { document, activeLayerId } = getState();
  return targetSelectionIn(document, activeLayerId, getSelectionUi().activeId);
}

/** As a React hook, for panels and overlays. */
export function useTargetSelection(): SelectionLayer | null {
  const openId = useSelectionUi((s) => s.activeId);
  return useEditor((s) => targetSelectionIn(s.document, s.activeLayerId, openId));
}
