// Runs in: renderer. The "Save changes?" question as a promise: the dialog (UnsavedPrompt.tsx) shows what
// this store holds and answers it. One question at a time; a second asker while one is open gets Cancel.
import { create } from 'zustand';

export type SaveAnswer = 'save' | 'dont-save' | 'cancel';

export interface SaveQuestion {
  /** The document's name, as in the title bar. */
  readonly name: string;
  /** What happens next, worded to follow "before": "opening another file", "closing it". */
  readonly action: string;
  readonly answer: (a: SaveAnswer) => void;
}

export const useSaveQuestion = create<{ question: SaveQuestion | null }>()(() => ({ question: null }));

export function askSaveChanges(name: string, action: string): Promise<SaveAnswer> {
  if (useSaveQuestion.getState().question) return Promise.resolve('cancel');
  return new Promise((resolve) => {
    const answer = (a: SaveAnswer) => {
      useSaveQuestion.setState({ question: null });
      resolve(a);
    };
    useSaveQuestion.setState({ question: { name, action, answer } });
  });
}

/** "Save changes to “truck.jpg” before opening another file?" */
export const questionText = (q: Pick<SaveQuestion, 'name' | 'action'>): string => `Save changes to “${q.name}” before ${q.action}?`;
