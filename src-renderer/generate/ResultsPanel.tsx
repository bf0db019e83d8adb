// Runs in: renderer. The candidates of the last run, floating at the bottom of the canvas where the eye
// is (within the band Zoom to Fit keeps clear): thumbnails of each candidate over its photo (1–4 choose),
// the before/after divider, "Hold to see original" (or hold \), Apply (Enter: a new layer, one undo step)
// and Discard (Escape, once no job is running — Escape cancels a running job first), keys on the buttons.
// Enter and Escape are the commands in shell/commands/escape-enter.ts; this panel's own keys are 1–4 and \.
import { useEffect } from 'react';
import { isTyping } from '../core/commands/keys';
import { getModels } from '../models/api';
import { applyCandidate, chooseCandidate, discardResults, setPeek, setSplit } from './results-actions';
import { candidateForKey } from './compare-geometry';
import { getGenerate, useGenerate } from './generate-store';
import { CandidateThumb } from './CandidateThumb';

function onKey(e: KeyboardEvent): void {
  const r = getGenerate().results;
  if (!r || e.defaultPrevented || isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey || getModels().open) return;
  const pick = candidateForKey(e.key, r.candidates.length);
  if (e.key === '\\') setPeek(true);
  else if (pick !== null) chooseCandidate(pick);
  else return;
  e.preventDefault();
}

const onKeyUp = (e: KeyboardEvent): void => {
  if (e.key === '\\') setPeek(false);
};

export function ResultsPanel() {
  const results = useGenerate((s) => s.results);
  const peek = useGenerate((s) => s.peek);
  const split = useGenerate((s) => s.split);
  const shown = results !== null;
  useEffect(() => {
    if (!shown) return;
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('keyup', onKeyUp, true);
    // A lost key-up (window switched while \ was held) must not leave the original showing.
    const blur = () => setPeek(false);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('keyup', onKeyUp, true);
      window.removeEventListener('blur', blur);
    };
  }, [shown]);
  if (!results) return null;
  return (
    <section className="results-bar" aria-label="Candidates" data-testid="results-panel">
      <div className="results-grid" role="radiogroup" aria-label="Candidates">
        {results.candidates.map((c, i) => (
          <button
            key={c.asset.id}
            type="button"
            role="radio"
            aria-checked={i === results.chosen}
            className={i === results.chosen ? 'result chosen' : 'result'}
            data-testid="generate-candidate"
            title={`Candidate ${i + 1} · seed ${c.seed} (key ${i + 1})`}
            onClick={() => chooseCandidate(i)}
          >
            <CandidateThumb results={results} candidate={c} alt={`Candidate ${i + 1}`} />
            <kbd className="result-index">{i + 1}</kbd>
          </button>
        ))}
      </div>
      <div className="results-compare">
        <label className="results-split" title="Drag the divider on the canvas too: left of it the original, right the candidate">
          <span>Before | after</span>
          <input
            type="range"
            min={0}
            max={1}
            step={0.01}
            value={split}
            data-testid="generate-split"
            onChange={(e) => setSplit(Number(e.currentTarget.value))}
          />
        </label>
        <button
          type="button"
          data-testid="generate-peek"
          aria-pressed={peek}
          title="Hold to see the original (or hold \)"
          onPointerDown={() => setPeek(true)}
          onPointerUp={() => setPeek(false)}
          onPointerLeave={() => setPeek(false)}
        >
          Hold to see original <kbd>\</kbd>
        </button>
      </div>
      <div className="results-actions">
        <button
          type="button"
          className="primary"
          data-testid="generate-apply"
          title="Put this candidate on a new layer (Enter)"
          onClick={() => applyCandidate()}
        >
          Apply <kbd>Enter</kbd>
        </button>
        <button type="button" data-testid="generate-discard" title="Drop the candidates (Esc)" onClick={discardResults}>
          Discard <kbd>Esc</kbd>
        </button>
      </div>
    </section>
  );
}
