// Runs in: renderer (pure). Which candidate of a segment.run answer is the one to show, and its logits
// (a click's reply may carry the chosen one's logits only: candidate-logits.ts fetches the rest), and the
// SAM part of a selection made from it.
import type { z } from 'zod';
import type { EncodedLogitsSchema } from '../../src-shared/contract/segment-payloads';
import type { SelectionLayer } from '../../src-shared/document/selection';
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

/** The SAM part of a selection from one answer and one of its candidates. */
export function samFrom(r: SegmentRunResult, candidateIndex: number): NonNullable<SelectionLayer['sam']> {
  const picked = r.candidates.find((x) => x.index === candidateIndex);
  const c = picked?.logits ? { index: picked.index, logits: picked.logits } : chosenWithLogits(r);
  return { packId: r.packId, resultId: r.resultId, candidateIndex: c.index, logits: c.logits, placement: r.placement };
}
