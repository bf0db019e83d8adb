// Runs in: vitest (node; type-checked with the DOM types, as the renderer modules it loads reach the bridge).
// confirmLeave, the one gate before an edited document is replaced or closed: no question without unsaved
// work; Cancel stops; Save goes on only when the save really happened (a failed or
// cancelled save stops); Don't Save goes on and marks the document's recovery copy as let go.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EditorDocument } from '../../../src-shared/document/types';
import { record, emptyHistory } from '../../../src-renderer/core/state/history';
import { setState } from '../../../src-renderer/core/state/editor-store';
import { getProject, setProject } from '../../../src-renderer/project/project-store';
import { useSaveQuestion, type SaveAnswer } from '../../../src-renderer/project/unsaved-prompt';

const saveProject = vi.fn<() => Promise<boolean>>();
vi.mock('../../../src-renderer/project/save-project', () => ({ saveProject: () => saveProject() }));
const { confirmLeave } = await import('../../../src-renderer/project/leave-guard');

const doc = { id: 'd_leaveguard1', name: 'photo.png', width: 10, height: 10, schemaVersion: 1, layers: [] } as unknown as EditorDocument;
const edited = record(
  emptyHistory,
  { label: 'Hide', patches: [{ op: 'replace', path: ['name'], value: 'x' }], inversePatches: [] },
  'immediate',
);

/** Start confirmLeave, answer its question with `answer`, and return what it resolved. */
async function answerWith(answer: SaveAnswer): Promise<boolean> {
  const pending = confirmLeave('opening another file');
  await vi.waitFor(() => expect(useSaveQuestion.getState().question).not.toBeNull());
  expect(useSaveQuestion.getState().question!.name).toBe('photo.png');
  useSaveQuestion.getState().question!.answer(answer);
  return pending;
}

describe('confirmLeave', () => {
  beforeEach(() => {
    saveProject.mockReset();
    setProject({ saved: null, letGo: null, detached: null });
    setState({ document: doc, history: edited });
  });

  it('goes on without a question when nothing is unsaved', async () => {
    setState({ history: emptyHistory });
    expect(await confirmLeave('closing it')).toBe(true);
    expect(useSaveQuestion.getState().question).toBeNull();
  });

  it('Cancel stops, and lets nothing go', async () => {
    expect(await answerWith('cancel')).toBe(false);
    expect(getProject().letGo).toBeNull();
    expect(saveProject).not.toHaveBeenCalled();
  });

  it('Save goes on only when the save happened', async () => {
    saveProject.mockResolvedValueOnce(false); // failed, or its file dialog was cancelled
    expect(await answerWith('save')).toBe(false);
    saveProject.mockResolvedValueOnce(true);
    expect(await answerWith('save')).toBe(true);
    expect(getProject().letGo).toBeNull(); // saving deletes the copy itself
  });

  it("Don't Save goes on and lets the document's recovery copy go", async () => {
    expect(await answerWith('dont-save')).toBe(true);
    expect(getProject().letGo).toBe(doc.id);
  });
});
