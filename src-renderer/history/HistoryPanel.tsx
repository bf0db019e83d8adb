// Runs in: renderer. The history panel: every undo step, oldest at the top; click one to go back (or
// forward) to exactly that point. Shown by View › Show History. [Note: history]
import { useEffect, useRef } from 'react';
import { useEditor } from '../core/state/editor-store';
import { Icon } from '../core/ui/icons';
import { goToStep, toggleHistoryPanel, useHistoryUi } from './history-actions';
import { historyRows, historySummary } from './history-view';
import './history.css';

export function HistoryPanel() {
  const open = useHistoryUi((s) => s.open);
  const history = useEditor((s) => s.history);
  const hasDoc = useEditor((s) => s.document !== null);
  const current = useRef<HTMLButtonElement | null>(null);
  const pos = history.undo.length;
  // Keep the current step in sight as steps are added or the user undoes with the keyboard. A block
  // body: newer Chromium's scrollIntoView returns a promise, which React would take for a cleanup.
  useEffect(() => {
    current.current?.scrollIntoView({ block: 'nearest' });
  }, [pos, open]);
  if (!open) return null;
  const rows = historyRows(history);
  return (
    <section className="panel history-panel" aria-label="History" data-testid="history-panel">
      <h2 className="panel-title">
        History
        <button
          type="button"
          className="icon-button history-close"
          title="Hide history"
          aria-label="Hide history"
          onClick={toggleHistoryPanel}
        >
          <Icon name="close" size={14} />
        </button>
      </h2>
      {!hasDoc ? (
        <p className="panel-empty">No document open.</p>
      ) : (
        <>
          {(history.dropped ?? 0) > 0 && (
            <p className="history-dropped" data-testid="history-dropped">
              Older steps were dropped to save memory.
            </p>
          )}
          <ol className="history-list" data-testid="history-list">
            {rows.map((r) => (
              <li key={r.index}>
                <button
                  type="button"
                  ref={r.state === 'current' ? current : undefined}
                  className={`history-step ${r.state}`}
                  data-testid="history-step"
                  data-state={r.state}
                  aria-current={r.state === 'current' ? 'step' : undefined}
                  title={r.state === 'redo' ? 'Redo up to this step' : r.state === 'done' ? 'Undo back to this step' : 'Current state'}
                  onClick={() => goToStep(r.index)}
                >
                  {r.label}
                </button>
              </li>
            ))}
          </ol>
          <p className="history-summary" data-testid="history-summary">
            {historySummary(history)}
          </p>
        </>
      )}
    </section>
  );
}
