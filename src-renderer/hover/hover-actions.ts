// Runs in: renderer. Turning the hover preview on and off, and what clears it: another tool, another
// document, or any document change (an undo, a committed click) that makes the shown answer stale.
import { getState, useEditor } from '../core/state/editor-store';
import { showNotice } from '../core/state/messages';
import { clearHover } from './hover-runner';
import { getHover, saveHoverPref, setHover } from './hover-store';

export function toggleHoverPreview(): void {
  const enabled = !getHover().enabled;
  setHover({ enabled });
  saveHoverPref(enabled);
  if (!enabled) clearHover();
  if (getState().activeTool === 'select') showNotice(`Hover preview ${enabled ? 'on' : 'off'}.`);
}

export function installHoverPreview(): () => void {
  return useEditor.subscribe((s, prev) => {
    if (s.activeTool !== prev.activeTool || s.document !== prev.document) clearHover();
  });
}
