// Runs in: renderer (pure). Which candidate of a segment.run answer is the one to show, and its logits
// (a click's reply may carry the chosen one's logits only: candidate-logits.ts fetches the rest), and the
// SAM part of a selection made from it.
import type { z } from 'zod';
import type { EncodedLogitsSchema } from '../../../src-shared/contract/segment-payloads';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import type { Candidate, SegmentRunResult } from './segment-types';

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

/**
 * The candidates offered to pick from, so the one shown first is also the best scored: after one click
 * or a box (the engine picked among SAM's multimask tokens 1..3 by score) those, without the single-mask
 * token 0; when the engine's rule took token 0 (several prompts), that one alone — the multimask tokens
 * are meant for one ambiguous prompt, and their scores do not compete with it.
 */
export function competingCandidates<C extends { index: number; token: number | null }>(candidates: readonly C[], chosenIndex: number): C[] {
  const chosen = candidates.find((c) => c.index === chosenIndex);
  if (chosen?.token === 0) return [chosen];
  return candidates.filter((c) => c.token !== 0);
}
