// Runs in: renderer. The engine answers NEEDS_CONFIRMATION before it allocates a huge or suspicious image
// (a decompression bomb, gigabytes of layers): the user reads its sentence and decides. One question at a
// time; the dialog is LargeOpenPrompt.tsx.
import { create } from 'zustand';
import { errorData } from '../core/bridge/api';

export interface LargeQuestion {
  readonly message: string;
  readonly answer: (open: boolean) => void;
}

export const useLargeQuestion = create<{ question: LargeQuestion | null }>()(() => ({ question: null }));

function askOpenLarge(message: string): Promise<boolean> {
  if (useLargeQuestion.getState().question) return Promise.resolve(false);
  return new Promise((resolve) => {
    const answer = (open: boolean) => {
      useLargeQuestion.setState({ question: null });
      resolve(open);
    };
    useLargeQuestion.setState({ question: { message, answer } });
  });
}

/** Runs `open` as asked; when the engine wants consent, asks, and runs it again with allowLarge. Null: declined. */
export async function withLargeConsent<T>(open: (allowLarge: boolean) => Promise<T>): Promise<T | null> {
  try {
    return await open(false);
  } catch (err) {
    const data = errorData(err);
    if (data.code !== 'NEEDS_CONFIRMATION') throw err;
    return (await askOpenLarge(data.message)) ? await open(true) : null;
  }
}
