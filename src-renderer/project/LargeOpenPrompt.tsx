// Runs in: renderer. "Open anyway?" for an image or project the engine judged huge or suspicious from its
// header: the engine's sentence (sizes and memory), Cancel as the default (Enter and Esc), Open Anyway.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useLargeQuestion } from './large-open';
import './project.css';

export function LargeOpenPrompt() {
  const question = useLargeQuestion((s) => s.question);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), [question]);
  if (!question) return null;
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') question.answer(false);
  };
  return (
    <div className="unsaved-backdrop" onKeyDown={onKeyDown}>
      <div
        className="unsaved-prompt"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="large-open-text"
        data-testid="large-open-prompt"
      >
        <p id="large-open-text">{question.message}</p>
        <p className="unsaved-detail">Nothing has been loaded yet. Open it only if you expected a file this large.</p>
        <div className="recovery-buttons">
          <button type="button" className="primary" ref={cancel} data-testid="large-open-cancel" onClick={() => question.answer(false)}>
            Cancel
          </button>
          <button type="button" data-testid="large-open-anyway" onClick={() => question.answer(true)}>
            Open Anyway
          </button>
        </div>
      </div>
    </div>
  );
}
