// Runs in: renderer. The estimate under a Generate or Extend button ("About 6 min on this CPU") and, when
// that is long, faster settings to run instead, each with its own estimate; the user decides.
import type { EstimateSettings } from '../../src-shared/contract/estimate-payloads';
import { estimateWords, offerWords } from './estimate-words';
import type { EstimateState } from './use-estimate';
import './estimate.css';

export function EstimateLine({
  state,
  testId,
  disabled,
  onOffer,
}: {
  state: EstimateState;
  testId: string;
  disabled: boolean;
  onOffer: (s: EstimateSettings) => void;
}) {
  if (!state) return null;
  if (state.error !== undefined)
    return (
      <p className="estimate-line" data-testid={testId}>
        {state.error}
      </p>
    );
  const e = state.estimate;
  return (
    <div className="estimate" data-testid={`${testId}-box`}>
      <p
        className="estimate-line"
        data-testid={testId}
        data-ms={e.totalMs}
        data-calibrated={e.calibrated}
        title={e.loaded ? 'The model is loaded' : 'Includes loading the model'}
      >
        {estimateWords(e)}
      </p>
      {e.offers.map((o) => (
        <button
          type="button"
          key={o.label}
          className="estimate-offer"
          data-testid={`${testId}-offer`}
          data-ms={o.totalMs}
          disabled={disabled}
          onClick={() => onOffer(o.settings)}
        >
          {offerWords(o)}
        </button>
      ))}
    </div>
  );
}
