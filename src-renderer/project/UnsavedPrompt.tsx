// Runs in: renderer. The modal Save / Don't Save / Cancel dialog before an edited document is replaced or
// closed. Save is the default (Enter); Esc cancels. Keys stay inside: no editor shortcut runs meanwhile.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { questionText, useSaveQuestion } from './unsaved-prompt';
import './project.css';

export function UnsavedPrompt() {
  const question = useSaveQuestion((s) => s.question);
  const saveButton = useRef<HTMLButtonElement>(null);
  useEffect(() => saveButton.current?.focus(), [question]);
  if (!question) return null;
  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') question.answer('cancel');
  };
  return (
    <div className="unsaved-backdrop" onKeyDown={onKeyDown}>
      <div className="unsaved-prompt" role="alertdialog" aria-modal="true" aria-labelledby="unsaved-text" data-testid="unsaved-prompt">
        <p id="unsaved-text">{questionText(question)}</p>
        <p className="unsaved-detail">Your changes will be lost if you don’t save them.</p>
        <div className="recovery-buttons">
          <button type="button" className="primary" ref={saveButton} data-testid="unsaved-save" onClick={() => question.answer('save')}>
            Save…
          </button>
          <button type="button" data-testid="unsaved-dont-save" onClick={() => question.answer('dont-save')}>
            Don’t Save
          </button>
          <button type="button" data-testid="unsaved-cancel" onClick={() => question.answer('cancel')}>
            Cancel
          </button>
        </div>
      </div>
    </div>
  );
}
