// Runs in: renderer. "Select by Text…": a prompt, two thresholds, Run; the numbered detections to untick;
// "Select N objects" turns the ticked ones into selection objects. Boxes are drawn on the canvas by
// DetectionBoxes from the same store.
import { useEditor } from '../core/state/editor-store';
import {
  acceptDetections,
  closeDetectPanel,
  openModelsFromDetect,
  runDetect,
  setBoxThreshold,
  setPromptText,
  setTextThreshold,
  toggleDetection,
} from './detect-actions';
import { useDetect } from './detect-store';
import {
  acceptLabel,
  boxColour,
  formatScore,
  formatThreshold,
  phraseSummary,
  PROMPT_PLACEHOLDER,
  sliderFromThreshold,
} from './detect-view';
import './detect.css';

export function DetectPanel() {
  const s = useDetect();
  const hasDoc = useEditor((e) => e.document !== null);
  if (!s.open || !hasDoc) return null;
  const busy = s.phase !== 'idle';
  const detections = s.run ? [...s.run.detections].sort((a, b) => a.index - b.index) : [];
  const ticked = detections.filter((d) => s.checked.has(d.index)).length;
  return (
    <section className="panel detect-panel" aria-label="Select by text" data-testid="detect-panel">
      <h2 className="panel-title">
        Select by text
        <button type="button" className="icon-button detect-close" aria-label="Close" title="Close" onClick={closeDetectPanel}>
          ×
        </button>
      </h2>
      <form
        className="detect-form"
        onSubmit={(e) => {
          e.preventDefault();
          void runDetect();
        }}
      >
        <div className="detect-row">
          <input
            className="detect-input"
            data-testid="detect-input"
            type="text"
            value={s.text}
            placeholder={PROMPT_PLACEHOLDER}
            aria-label="What to select"
            spellCheck={false}
            onChange={(e) => setPromptText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') closeDetectPanel();
            }}
          />
          <button type="submit" className="primary" data-testid="detect-run" disabled={busy}>
            Run
          </button>
        </div>
        <p className="detect-hint" data-testid="detect-hint">
          {phraseSummary(s.text)}
        </p>
        <Threshold label="Box threshold" testId="detect-box-threshold" value={s.boxThreshold} onChange={setBoxThreshold} />
        <Threshold label="Text threshold" testId="detect-text-threshold" value={s.textThreshold} onChange={setTextThreshold} />
      </form>

      {s.progress && (
        <p className="detect-progress" data-testid="detect-progress" role="status">
          <span className="detect-spinner" aria-hidden="true" />
          {s.progress}
        </p>
      )}

      {s.error && (
        <div className="detect-error" data-testid="detect-error" role="alert">
          <span>{s.error.message}</span>
          {s.error.code === 'NOT_FOUND' && (
            <button type="button" data-testid="detect-open-models" onClick={openModelsFromDetect}>
              Open Models…
            </button>
          )}
        </div>
      )}

      {s.run && s.run.notices.length > 0 && (
        <ul className="detect-notices">
          {s.run.notices.map((n) => (
            <li key={n} data-testid="detect-notice">
              {n}
            </li>
          ))}
        </ul>
      )}

      {s.run && (
        <>
          {detections.length === 0 ? (
            <p className="panel-empty" data-testid="detect-none">
              Nothing found. Try other words or a lower box threshold.
            </p>
          ) : (
            <ol className="detection-list">
              {detections.map((d) => (
                <li key={d.index} className="detection" data-testid="detection" data-index={d.index} title={d.phrase}>
                  <label>
                    <input
                      type="checkbox"
                      data-testid="detection-check"
                      checked={s.checked.has(d.index)}
                      disabled={busy}
                      onChange={() => toggleDetection(d.index)}
                    />
                    <span className="detection-number" style={{ background: boxColour(d.index) }}>
                      {d.index}
                    </span>
                    <span className="detection-label" data-testid="detection-label">
                      {d.label || d.phrase}
                    </span>
                    <span className="detection-score" data-testid="detection-score">
                      {formatScore(d.score)}
                    </span>
                  </label>
                </li>
              ))}
            </ol>
          )}
          {detections.length > 0 && (
            <button
              type="button"
              className="primary detect-accept"
              data-testid="detect-accept"
              disabled={busy || ticked === 0}
              onClick={() => void acceptDetections()}
            >
              {acceptLabel(ticked)}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function Threshold({
  label,
  testId,
  value,
  onChange,
}: {
  label: string;
  testId: string;
  value: number;
  onChange: (slider: number) => void;
}) {
  return (
    <label className="detect-threshold">
      <span>{label}</span>
      <input
        type="range"
        min={0}
        max={100}
        step={1}
        value={sliderFromThreshold(value)}
        data-testid={testId}
        onChange={(e) => onChange(Number(e.currentTarget.value))}
      />
      <span className="detect-threshold-value">{formatThreshold(value)}</span>
    </label>
  );
}
