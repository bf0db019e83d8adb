// Runs in: renderer. [Note: recovery] After a crash the engine still has the autosaved copies: once it is
// ready, ask about the newest one; Restore opens it like a project (the copy stays until the document is
// saved or closed), Discard deletes it.
import type { DocumentId } from '../../src-shared/document/ids';
import { getApi, userMessage } from '../core/bridge/api';
import { withBusy } from '../core/state/busy';
import { proxySideForScreen } from '../core/images/proxy';
import { getState, useEditor } from '../core/state/editor-store';
import { showError } from '../core/state/messages';
import { discardRecoveryCopy } from './autosave';
import { confirmLeave } from './leave-guard';
import { commitOpenedProject } from './open-project';
import { getProject, setProject, type RecoveryOffer } from './project-store';

async function findCopies(): Promise<void> {
  try {
    const { projects } = await getApi().invoke('project.recoverable', {});
    // Never offer the document that is open now (its copy is the autosave of what is on screen).
    const openId = getState().document?.id;
    setProject({ offers: projects.filter((p) => p.documentId !== openId) });
  } catch (err) {
    console.warn('[anyfill] could not list recovery copies:', userMessage(err));
  }
}

/** Ask once per page load, when the engine first says it is ready. */
export function installRecoveryCheck(): () => void {
  let asked = false;
  const check = () => {
    if (asked || getState().engine.state !== 'ready') return;
    asked = true;
    void findCopies();
  };
  const off = useEditor.subscribe(check);
  check();
  return off;
}

const withoutOffer = (offer: RecoveryOffer) => getProject().offers.filter((o) => o.documentId !== offer.documentId);

export async function restoreOffer(offer: RecoveryOffer): Promise<void> {
  // Restoring replaces the open document: ask about its unsaved work first; Cancel keeps the offer.
  if (!(await confirmLeave(`restoring “${offer.name}”`))) return;
  setProject({ offers: withoutOffer(offer) });
  await restoreCopy(offer.documentId, offer.name);
}

/** Open a document's recovery copy in place of what is open (no question: callers asked, or nothing is left to lose). */
export async function restoreCopy(documentId: DocumentId, name: string): Promise<void> {
  try {
    await withBusy(`Restoring ${name}…`, async () => {
      const opened = await getApi().invoke('project.recover', { documentId, maxProxySide: proxySideForScreen() });
      await commitOpenedProject(opened, name, true);
      // The same document id, alive again: whatever a restart left detached is whole now.
      setProject({ detached: null });
    });
  } catch (err) {
    showError(userMessage(err, `Could not restore ${name}.`));
  }
}

export function discardOffer(offer: RecoveryOffer): Promise<void> {
  setProject({ offers: withoutOffer(offer) });
  return discardRecoveryCopy(offer.documentId);
}
