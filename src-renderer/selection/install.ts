// Runs in: renderer. App-level wiring of selections: document sync, segment.ready. (Enter/Escape finish a
// selection through the one Enter and Escape commands: commands/escape-enter.ts.)
import { isPendingSelection, resetSegmentRunner } from '../segment/segment-runner';
import { installSegmentEvents } from '../segment/segment-status';
import { installSelectionSync } from './selection-actions';
import { installHoverPreview } from '../hover/hover-actions';
import { getSelectionUi, initialSelectionUi, setSelectionUi } from './selection-store';
import { useEditor } from '../core/state/editor-store';

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
  return () => {
    offSync();
    offReady();
    offHover();
    offDoc();
  };
}
