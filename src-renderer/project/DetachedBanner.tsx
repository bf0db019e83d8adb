// Runs in: renderer. Said at once when a restart took the open document's pixels and they could not be
// reattached ([Note: reattach]): why, and Restore (its last autosave) or Close.
import { closeDocument } from './open-image';
import { useEditor } from '../core/state/editor-store';
import { useProject } from './project-store';
import { detachedText } from './project-text';
import { restoreCopy } from './recovery-actions';
import './project.css';

export function DetachedBanner() {
  const detached = useProject((s) => s.detached);
  const busy = useEditor((s) => s.busy !== null);
  if (!detached) return null;
  return (
    <div className="recovery-prompt" role="alertdialog" aria-labelledby="detached-text" data-testid="detached-prompt">
      <p id="detached-text">{detachedText(detached)}</p>
      <div className="recovery-buttons">
        {detached.hasCopy && (
          <button
            type="button"
            className="primary"
            data-testid="detached-restore"
            disabled={busy}
            onClick={() => void restoreCopy(detached.documentId, detached.name)}
          >
            Restore
          </button>
        )}
        <button type="button" data-testid="detached-close" disabled={busy} onClick={() => void closeDocument()}>
          Close
        </button>
      </div>
    </div>
  );
}
