// Runs in: renderer. Wires the autosave scheduler to the store and the engine ([Note: autosave]): a
// recovery copy 3 s after the last unsaved change. A replaced or closed document loses its copy only when it
// had nothing unsaved or the user answered Don't Save ([Note: never lose work]); saving deletes it too.
import type { DocumentId } from '../../src-shared/document/ids';
import type { EditorDocument } from '../../src-shared/document/types';
import { errorData, getApi, userMessage } from '../core/bridge/api';
import { getState, useEditor, type EditorState } from '../core/state/editor-store';
import { copyWrittenBy } from './autosave-outcome';
import { AutosaveScheduler } from './autosave-scheduler';
import { isDirty } from './dirty';
import { getProject, setProject } from './project-store';

export const AUTOSAVE_MS = 3000;

let scheduler: AutosaveScheduler<EditorDocument> | null = null;

/** Worth a copy: the open document, with layers and something not saved. */
function wanted(doc: EditorDocument): boolean {
  const { document, history } = getState();
  return doc === document && doc.layers.length > 0 && isDirty(doc, history, getProject().saved);
}

/** `known`: each document's last copy (savedAt) seen by this window, to judge a crashed autosave. */
async function save(doc: EditorDocument, known: Map<DocumentId, string>): Promise<void> {
  const startedAt = new Date().toISOString();
  let savedAt: string;
  try {
    ({ savedAt } = await getApi().invoke('project.autosave', { document: doc }));
  } catch (err) {
    if (errorData(err).code !== 'ENGINE_CRASHED') throw err;
    // The engine died while saving; it may have finished the copy first (the request waits for the restart).
    const { projects } = await getApi().invoke('project.recoverable', {});
    const written = copyWrittenBy(projects, doc.id, known.get(doc.id), startedAt);
    if (!written) throw err;
    savedAt = written;
  }
  known.set(doc.id, savedAt);
  setProject({ autosaves: getProject().autosaves + 1, lastAutosave: savedAt, autosaveError: null });
}

/** The replaced document's copy may go: it held nothing unsaved, or the user let it go. */
function copyMayGo(prev: EditorState): boolean {
  if (!prev.document) return false;
  const { letGo, saved } = getProject();
  return letGo === prev.document.id || !isDirty(prev.document, prev.history, saved);
}

/** Delete a document's recovery copy, after any autosave of it still being written. */
export function discardRecoveryCopy(documentId: DocumentId): Promise<void> {
  const task = () => getApi().invoke('project.discardRecovery', { documentId });
  return scheduler
    ? scheduler.enqueue(task)
    : task().then(
        () => undefined,
        () => undefined,
      );
}

/** Resolves once queued autosaves and discards have ended (tests, and before a reload in the browser). */
export const autosaveIdle = (): Promise<void> => scheduler?.idle() ?? Promise.resolve();

export function installAutosave(delayMs = AUTOSAVE_MS): () => void {
  const known = new Map<DocumentId, string>();
  const s = new AutosaveScheduler<EditorDocument>({
    delayMs,
    wanted,
    save: (doc) => save(doc, known),
    // Shown in the status bar (not a toast: the work is unchanged and the next change tries again).
    onError: (err) => {
      const why = userMessage(err, 'the recovery copy could not be written');
      console.warn('[anyfill] autosave:', why);
      setProject({ autosaveError: why });
    },
  });
  scheduler = s;
  const off = useEditor.subscribe((st, prev) => {
    if (st.document === prev.document) return;
    // Replaced or closed: a copy of unsaved work the user did not let go stays, to be offered after a restart.
    if (prev.document && prev.document.id !== st.document?.id && copyMayGo(prev)) void discardRecoveryCopy(prev.document.id);
    if (prev.document?.id !== st.document?.id) setProject({ autosaveError: null });
    s.changed(st.document);
  });
  s.changed(getState().document);
  return () => {
    off();
    s.dispose();
    if (scheduler === s) scheduler = null;
  };
}
