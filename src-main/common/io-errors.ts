// Runs in: host and engine processes. Turns Node file-system errors into messages a user can act on.
import { AnyfillError } from '../../src-shared/contract/errors';

export function ioError(err: unknown, action: string): AnyfillError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const detail = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'ENOSPC':
      return new AnyfillError('IO', `Could not ${action}: the disk is full. Free some space and try again.`, detail);
    case 'EACCES':
    case 'EPERM':
      return new AnyfillError('IO', `Could not ${action}: permission denied.`, detail);
    case 'EROFS':
      return new AnyfillError('IO', `Could not ${action}: the folder is read-only.`, detail);
    case 'ENOENT':
      return new AnyfillError('NOT_FOUND', `Could not ${action}: the file no longer exists.`, detail);
    default:
      return new AnyfillError('IO', `Could not ${action}.`, detail);
  }
}
