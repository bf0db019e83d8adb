// Runs in: renderer. Turning the hover preview on and off, and what clears it: another tool, another
// document, or any document change (an undo, a committed click) that makes the shown answer stale.
import { getState, useEditor } from '../core/state/editor-store';
import { showNotice } from '../core/state/messages';
import { clearHover } from './hover-runner';
import { useSelectionUi } from '../selection/api';
import { getHover, saveHoverPref, setHover } from './hover-store';

export function toggleHoverPreview(): void {
  const enabled = !getHover().enabled;
  setHover({ enabled });
  saveHoverPref(enabled);
  if (!enabled) clearHover();
  if (getState().activeTool === 'select') showNotice(`Hover preview ${enabled ? 'on' : 'off'}.`);
}

export function installHoverPreview(): () => void {
  const offEditor = useEditor.subscribe((s, prev) => {
    if (s.activeTool !== prev.activeTool || s.document !== prev.document) clearHover();
  });
  // The press left the preview drawn until the click's answer (hover-runner stopHover); a committed answer
  // cleared it with the document change, a failed or dropped one clears it when no click is running.
  const offRunning = useSelectionUi.subscribe((s, prev) => {
    if (s.running === 0 && prev.running > 0 && getHover().shown) setHover({ shown: null });
  });
  return () => {
    offEditor();
    offRunning();
  };
}
