// Runs in: renderer. The selection generative fill acts on, as a React hook (same rule as the Fill
// panel: the active layer when it is a selection, else the selection open for more clicks).
import type { SelectionLayer } from '../../src-shared/document/selection';
import { useSelectionUi } from '../selection/api';
import { useEditor } from '../core/state/editor-store';

export function useTargetSelection(): SelectionLayer | null {
  const openId = useSelectionUi((s) => s.activeId);
  return useEditor((s) => {
    const active = s.document?.layers.find((l) => l.id === s.activeLayerId);
    if (active?.kind === 'selection') return active;
    const open = s.document?.layers.find((l) => l.id === openId);
    return open?.kind === 'selection' ? open : null;
  });
}
