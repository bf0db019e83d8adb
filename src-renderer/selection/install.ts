// Runs in: renderer. App-level wiring of selections: document sync, segment.ready, Enter/Escape to finish.
import { isTyping } from '../commands/keys';
import { getModels } from '../models/models-store';
import { getState } from '../state/editor-store';
import { finishSelection, isPendingSelection, resetSegmentRunner } from './segment-runner';
import { installSegmentEvents } from './segment-status';
import { installSelectionSync } from './selection-actions';
import { installHoverPreview } from '../hover/hover-actions';
import { getSelectionUi, initialSelectionUi, setSelectionUi } from './selection-store';
import { useEditor } from '../state/editor-store';

export function installSelections(): () => void {
  const offSync = installSelectionSync(isPendingSelection);
  const offReady = installSegmentEvents();
  const offHover = installHoverPreview();
  // A different document (open, close): nothing of the old one's selection state may survive.
  const offDoc = useEditor.subscribe((s, prev) => {
    if (s.document?.id === prev.document?.id) return;
    resetSegmentRunner();
    setSelectionUi({ ...initialSelectionUi, brush: getSelectionUi().brush });
  });
  const key = (e: KeyboardEvent) => {
    if (e.defaultPrevented || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key !== 'Enter' && e.key !== 'Escape') return;
    if (getModels().open || !getState().document || getSelectionUi().activeId === null) return;
    // Enter on a focused button presses the button; only the canvas/body finishes the selection.
    if (e.key === 'Enter' && e.target instanceof HTMLButtonElement) return;
    finishSelection();
  };
  window.addEventListener('keydown', key);
  return () => {
    offSync();
    offReady();
    offHover();
    offDoc();
    window.removeEventListener('keydown', key);
  };
}
