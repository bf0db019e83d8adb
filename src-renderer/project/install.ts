// Runs in: renderer. App-level wiring of projects: autosave and the crash-recovery check.
import { installAutosave } from './autosave';
import { installRecoveryCheck } from './recovery-actions';

export function installProjects(): () => void {
  const offs = [installAutosave(), installRecoveryCheck()];
  return () => offs.forEach((off) => off());
}
