// Runs in: renderer. Things drawn over the canvas area: empty state, drop target, busy indicator.
import { useEffect, useState } from 'react';
import { isMac } from '../core/commands/keys';
import { runCommand } from './commands/registry';
import { useModels } from '../models/models-store';
import { needsFirstModel } from '../models/view-model';
import { useEditor } from '../core/state/editor-store';
import { Icon } from '../core/ui/icons';

export function EmptyState() {
  const hasDoc = useEditor((s) => s.document !== null);
  const noModel = useModels((s) => needsFirstModel(s.packs));
  if (hasDoc) return null;
  return (
    <div className="empty-state">
      <Icon name="photo" size={56} />
      <p>Open a photo — drop it here, paste it, or press {isMac() ? '⌘O' : 'Ctrl+O'}</p>
      <button type="button" className="primary" onClick={() => runCommand('file.open')}>
        Open a photo…
      </button>
      {noModel && (
        <p className="empty-hint" data-testid="first-model-hint">
          Ready now, no download: Magic Wand (W), Brush (B) and Content-Aware Fill (Shift+Backspace).
          <br />
          Click-to-select, select by text and generative fill need a model:{' '}
          <button type="button" className="link-button" onClick={() => runCommand('models.open')}>
            open Models…
          </button>{' '}
          to download one.
        </p>
      )}
    </div>
  );
}

export function DropOverlay({ visible }: { visible: boolean }) {
  if (!visible) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-card">
        <Icon name="open" size={40} />
        <p>Drop to open</p>
      </div>
    </div>
  );
}

/** Always a thin bar at the top of the canvas; a card with elapsed time once it takes over a second. */
export function BusyIndicator() {
  const busy = useEditor((s) => s.busy);
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!busy) return;
    const t = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(t);
  }, [busy]);
  if (!busy) return null;
  const elapsed = Math.max(0, now - busy.startedAt);
  return (
    <div className="busy" data-testid="busy" role="progressbar" aria-label={busy.label} aria-busy="true">
      <div className="busy-bar" />
      {elapsed > 1000 && (
        <div className="busy-card">
          <div className="spinner" aria-hidden="true" />
          <span>{busy.label}</span>
          <span className="elapsed">{Math.floor(elapsed / 1000)} s</span>
        </div>
      )}
    </div>
  );
}
