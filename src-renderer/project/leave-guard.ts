// Runs in: renderer. [Note: never lose work] Nothing replaces or closes an edited document without asking:
// opening or dropping another file, Open Recent, a pasted project, Close Document, Restore and closing the
// window all pass through confirmLeave (Save / Don't Save / Cancel). A failed or cancelled save stops
// there. The page's unload guard covers a reload or a closed tab (browser) and the window's close or Quit
// (Electron: main asks the renderer, which answers with shell.closeWindow).
import { getApi } from '../core/bridge/api';
import { getState } from '../core/state/editor-store';
import { isDirty } from './dirty';
import { getProject, setProject } from './project-store';
import { saveProject } from './save-project';
import { askSaveChanges } from './unsaved-prompt';

/** The open document has edits no file holds. */
export function hasUnsavedWork(): boolean {
  const { document, history } = getState();
  return isDirty(document, history, getProject().saved);
}

/**
 * Resolves true when the open document may go: nothing unsaved, saved now, or Don't Save. `action`
 * completes "Save changes to … before ___?".
 */
export async function confirmLeave(action: string): Promise<boolean> {
  const document = getState().document;
  if (!document || !hasUnsavedWork()) return true;
  // Its pixels are gone (a restart it could not survive): Save cannot work, and its copy stays for Restore.
  if (getProject().detached?.documentId === document.id) return true;
  const answer = await askSaveChanges(document.name, action);
  if (answer === 'cancel') return false;
  if (answer === 'save') return saveProject();
  // Its recovery copy is deleted only once it is really replaced (autosave.ts): if opening fails, it stays.
  setProject({ letGo: document.id });
  return true;
}

/** Main asked to close the window (Electron: the unload guard held it): ask, then let it close. */
async function closeAsked(): Promise<void> {
  if (!(await confirmLeave('closing it'))) return;
  setProject({ leaving: true });
  await getApi()
    .invoke('shell.closeWindow', {})
    .catch(() => setProject({ leaving: false }));
}

export const CLOSE_WINDOW_COMMAND = 'window.close';

export function installLeaveGuard(): () => void {
  const guard = (e: BeforeUnloadEvent) => {
    if (getProject().leaving || !hasUnsavedWork()) return;
    // Both: preventDefault is the standard; a non-empty returnValue is what older Chromium and Electron read.
    e.preventDefault();
    e.returnValue = 'You have unsaved changes.';
  };
  window.addEventListener('beforeunload', guard);
  const off = getApi().on('menu.command', ({ id }) => {
    if (id === CLOSE_WINDOW_COMMAND) void closeAsked();
  });
  return () => {
    window.removeEventListener('beforeunload', guard);
    off();
  };
}
