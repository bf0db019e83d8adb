// Runs in: renderer. The toast area, stacked under the jobs bar at the top right of the canvas (clear of
// the bottom bars' controls): errors (role=alert) and notices (role=status) time out or are closed.
import { useEditor } from '../core/state/editor-store';
import { dismiss } from '../core/state/messages';
import { Icon } from '../core/ui/icons';

export function Messages() {
  const messages = useEditor((s) => s.messages);
  return (
    <div className="messages" aria-live="polite">
      {messages.map((m) => (
        <div
          key={m.id}
          className={`message ${m.kind}`}
          role={m.kind === 'error' ? 'alert' : 'status'}
          data-testid="message"
          data-kind={m.kind}
        >
          <span className="message-text">{m.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(m.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
