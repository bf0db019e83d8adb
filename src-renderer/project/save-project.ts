// Runs in: renderer. File › Save Project: the engine writes exports/<id>.anyfill, the host hands it to the
// user (a download, or Electron's save dialog); then the document counts as saved and its recovery copy goes.
import { getApi, userMessage } from '../core/bridge/api';
import { withBusy } from '../core/state/busy';
import { getState } from '../core/state/editor-store';
import { showError, showNotice } from '../core/state/messages';
import { discardRecoveryCopy } from './autosave';
import { markerFor } from './dirty';
import { setProject } from './project-store';
import { projectBaseName } from './project-text';

/** True once the file is written (the host's save dialog not cancelled); false otherwise, having said why. */
export async function saveProject(): Promise<boolean> {
  // The document and history of this moment: what is written is what counts as saved.
  const { document, history } = getState();
  if (!document) return false;
  const name = projectBaseName(document.name);
  try {
    const done = await withBusy(`Saving ${name}.anyfill…`, async () => {
      const api = getApi();
      const saved = await api.invoke('project.save', { document, name });
      const result = await api.saveExport(saved.id, saved.suggestedName, 'anyfill');
      if (!result.saved) return false;
      setProject({ saved: markerFor(document, history) });
      void discardRecoveryCopy(document.id);
      showNotice(`Saved ${saved.suggestedName}${result.where ? ` to ${result.where}` : ''}.`);
      return true;
    });
    return done === true;
  } catch (err) {
    showError(userMessage(err, 'Could not save the project.'));
    return false;
  }
}
