// Runs in: renderer (pure). Which candidate of a segment.run answer is the one to show, and its logits
// (a click's reply may carry the chosen one's logits only: candidate-logits.ts fetches the rest).
import type { z } from 'zod';
import type { EncodedLogitsSchema } from '../../src-shared/contract/segment-payloads';
import type { Candidate, SegmentRunResult } from './types';

type EncodedLogits = z.infer<typeof EncodedLogitsSchema>;

/** The candidate segment.run chose, found by its index (falling back to its slot, then the first). */
export function chosenCandidate(result: SegmentRunResult): Candidate {
  return result.candidates.find((c) => c.index === result.chosen) ?? result.candidates[result.chosen] ?? result.candidates[0]!;
}

/** The chosen candidate with its logits, which the engine always sends. */
export function chosenWithLogits(result: SegmentRunResult): Candidate & { logits: EncodedLogits } {
  const c = chosenCandidate(result);
  if (!c.logits) throw new Error('segment.run replied without the chosen candidate’s logits');
  return c as Candidate & { logits: EncodedLogits };
}
