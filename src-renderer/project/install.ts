// Runs in: renderer. App-level wiring of projects: autosave, the crash-recovery check, the unsaved-work guard and
// reattaching the document after a restart.
import { installAutosave } from './autosave';
import { installLeaveGuard } from './leave-guard';
import { installReattach } from './reattach';
import { installRecoveryCheck } from './recovery-actions';

export function installProjects(): () => void {
  const offs = [installAutosave(), installRecoveryCheck(), installLeaveGuard(), installReattach()];
  return () => offs.forEach((off) => off());
}
