// Runs in: renderer. App-level wiring of selections: document sync, and a fresh selection state per document.
// (Enter/Escape finish a selection through the one Enter and Escape commands: shell/commands/escape-enter.ts.)
import type { LayerId } from '../../src-shared/document/ids';
import { installSelectionSync } from './selection-actions';
import { getSelectionUi, initialSelectionUi, setSelectionUi } from './selection-store';
import { useEditor } from '../core/state/editor-store';

/** `isPending`: a selection a first click is starting (the segment session's), kept open meanwhile. */
export function installSelections(isPending: (id: LayerId | null | undefined) => boolean): () => void {
  const offSync = installSelectionSync(isPending);
  const offDoc = useEditor.subscribe((s, prev) => {
    // A different document (open, close): nothing of the old one's selection state may survive.
    if (s.document?.id !== prev.document?.id) setSelectionUi({ ...initialSelectionUi, brush: getSelectionUi().brush });
    // The brush outline belongs to the brush: another tool hides it.
    else if (s.activeTool !== prev.activeTool && s.activeTool !== 'brush' && getSelectionUi().cursor) setSelectionUi({ cursor: null });
  });
  return () => {
    offSync();
    offDoc();
  };
}
