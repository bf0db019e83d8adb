// Runs in: renderer. The status bar's word on the recovery copy: nothing while autosave works, and why
// when it does not (the work is still on screen, but a crash now would lose it).
import { useProject } from './project-store';
import './project.css';

export function AutosaveStatus() {
  const error = useProject((s) => s.autosaveError);
  if (!error) return null;
  return (
    <span className="autosave-status failed" role="status" data-testid="autosave-status" title={error}>
      Autosave failed: {error}
    </span>
  );
}
