// Runs in: renderer. The message area: errors stay until dismissed, notices fade on their own.
import { getState, setState, type Message } from './editor-store';

const NOTICE_MS = 8000;
// Kept (and counted by tests) up to this many; the toast area shows only the newest few.
const MAX_MESSAGES = 20;
let nextId = 1;

function add(kind: Message['kind'], text: string): number {
  const id = nextId++;
  const messages = [...getState().messages.filter((m) => !(m.kind === kind && m.text === text)), { id, kind, text }];
  setState({ messages: messages.slice(-MAX_MESSAGES) });
  if (kind === 'notice') setTimeout(() => dismiss(id), NOTICE_MS);
  return id;
}

export const showError = (text: string): number => add('error', text);
export const showNotice = (text: string): number => add('notice', text);

export function dismiss(id: number): void {
  setState({ messages: getState().messages.filter((m) => m.id !== id) });
}
