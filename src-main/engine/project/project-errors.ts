// Runs in: engine process and the CLI. The messages a damaged, unsafe or unsaveable project gets: one
// sentence that says what is wrong and that nothing was changed.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { ioError } from '../../common/io-errors';

/** An unsafe or malformed archive: nothing from it is used. */
export function refused(why: string): AnyfillError {
  return new AnyfillError('INTEGRITY', `This project file was refused: it holds ${why}.`);
}

export function damaged(why: string, detail?: string): AnyfillError {
  return new AnyfillError('INTEGRITY', `This project file is damaged: ${why}.`, detail);
}

/** A failed save, saying the previous version is untouched (which the save sequence guarantees). */
export function saveFailed(err: unknown, hadPrevious: boolean): AnyfillError {
  const kept = hadPrevious ? ' The previous version of the file is unchanged.' : '';
  if (err instanceof AnyfillError) return new AnyfillError(err.code, `${err.message}${kept}`, err.detail);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT')
    return new AnyfillError('IO', `Could not save the project: its folder does not exist.${kept}`, (err as Error).message);
  if (code && /^E[A-Z]+$/.test(code)) {
    const io = ioError(err, 'save the project');
    return new AnyfillError(io.code, `${io.message}${kept}`, io.detail);
  }
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return new AnyfillError('INTERNAL', `Anyfill could not save the project.${kept}`, detail);
}
