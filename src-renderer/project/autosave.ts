// Runs in: renderer. Wires the autosave scheduler to the store and the engine ([Note: autosave]): a
// recovery copy 3 s after the last unsaved change; a document that is closed or replaced loses its copy.
import type { DocumentId } from '../../src-shared/document/ids';
import type { EditorDocument } from '../../src-shared/document/types';
import { errorData, getApi, userMessage } from '../bridge/api';
import { getState, useEditor } from '../state/editor-store';
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
  setProject({ autosaves: getProject().autosaves + 1, lastAutosave: savedAt });
}

/** Delete a document's recovery copy, after any autosave of it still being written. */
export function discardRecoveryCopy(documentId: DocumentId): Promise<void> {
  const task = () => getApi().invoke('project.discardRecovery', { documentId });
  return scheduler ? scheduler.enqueue(task) : task().then(() => undefined, () => undefined);
}

/** Resolves once queued autosaves and discards have ended (tests, and before a reload in the browser). */
export const autosaveIdle = (): Promise<void> => scheduler?.idle() ?? Promise.resolve();

export function installAutosave(delayMs = AUTOSAVE_MS): () => void {
  const known = new Map<DocumentId, string>();
  const s = new AutosaveScheduler<EditorDocument>({
    delayMs,
    wanted,
    save: (doc) => save(doc, known),
    // Quiet on purpose: the user's work is unchanged; the next change tries again.
    onError: (err) => console.warn('[anyfill] autosave:', userMessage(err)),
  });
  scheduler = s;
  const off = useEditor.subscribe((st, prev) => {
    if (st.document === prev.document) return;
    // Closed or replaced by another document: its copy would only be offered by mistake after a crash.
    if (prev.document && prev.document.id !== st.document?.id) void discardRecoveryCopy(prev.document.id);
    s.changed(st.document);
  });
  s.changed(getState().document);
  return () => {
    off();
    s.dispose();
    if (scheduler === s) scheduler = null;
  };
}
