// Runs in: renderer. The message area: every toast leaves on its own (errors stay longer, and each has
// a close button), so none lingers over the canvas.
import { getState, setState, type Message } from './editor-store';

const NOTICE_MS = 8000;
/** Long enough to read a two-line error twice, short enough not to hide the canvas for good. */
const ERROR_MS = 30_000;
// Kept (and counted by tests) up to this many; the toast area shows only the newest few.
const MAX_MESSAGES = 20;
let nextId = 1;

function add(kind: Message['kind'], text: string): number {
  const id = nextId++;
  const messages = [...getState().messages.filter((m) => !(m.kind === kind && m.text === text)), { id, kind, text }];
  setState({ messages: messages.slice(-MAX_MESSAGES) });
  setTimeout(() => dismiss(id), kind === 'error' ? ERROR_MS : NOTICE_MS);
  return id;
}

export const showError = (text: string): number => add('error', text);
export const showNotice = (text: string): number => add('notice', text);

export function dismiss(id: number): void {
  setState({ messages: getState().messages.filter((m) => m.id !== id) });
}
