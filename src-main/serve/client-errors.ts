// Runs in: browser host. What an error may tell a client of `anyfill serve` (which can be another machine
// in token mode): the code and the sentence, never a stack trace or a path of this machine.
import type { AnyfillErrorData } from '../../src-shared/contract/errors';

const STACK_FRAME = /^\s*at\s.*$/gm;
// An absolute POSIX or Windows path, up to a space or quote: kept as its last segment.
const ABSOLUTE_PATH = /(^|[\s(='"“‘])(?:[A-Za-z]:[\\/]|\/)(?=[^\s'"”’\\/()])(?:[^\s'"”’\\/()]+[\\/])*([^\s'"”’\\/()]*)/g;

export function scrubForClient(text: string): string {
  return text
    .replace(STACK_FRAME, '')
    .replace(ABSOLUTE_PATH, (_m, lead: string, last: string) => `${lead}…/${last}`)
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export function clientSafeError(error: AnyfillErrorData): AnyfillErrorData {
  const detail = error.detail === undefined ? '' : scrubForClient(error.detail);
  return { code: error.code, message: scrubForClient(error.message), ...(detail ? { detail } : {}) };
}
