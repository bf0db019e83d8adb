// Runs in: renderer. The crash-recovery question: not modal, so the editor stays usable until answered.
import { discardOffer, restoreOffer } from './recovery-actions';
import { offerText } from './project-text';
import { useProject } from './project-store';
import { useEditor } from '../core/state/editor-store';
import './project.css';

export function RecoveryPrompt() {
  const offer = useProject((s) => s.offers[0]);
  const busy = useEditor((s) => s.busy !== null);
  if (!offer) return null;
  return (
    <div className="recovery-prompt" role="alertdialog" aria-labelledby="recovery-text" data-testid="recovery-prompt">
      <p id="recovery-text">{offerText(offer)}</p>
      <div className="recovery-buttons">
        <button type="button" className="primary" data-testid="recovery-restore" disabled={busy} onClick={() => void restoreOffer(offer)}>
          Restore
        </button>
        <button type="button" data-testid="recovery-discard" onClick={() => void discardOffer(offer)}>
          Discard
        </button>
      </div>
    </div>
  );
}
