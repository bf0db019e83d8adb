// Runs in: renderer. A click's answer made into its preview mask before it is committed (sam-masks.ts),
// while nothing else is waiting: the press's answer arrives while the button is still down, and the
// release's frame then only has to draw the mask.
import { chosenWithLogits } from './chosen-candidate';
import { decodeLogitsNow, previewSize } from './preview-mask';
import { sharedSamMask } from './sam-masks';
import type { SegmentRunResult } from './types';

/** The chosen candidate's mask at the size the selection overlay asks for. Malformed logits: left to the commit to report. */
export function prepareAnswerMask(r: SegmentRunResult): void {
  try {
    const { width, height } = previewSize(r.placement.width, r.placement.height);
    sharedSamMask(decodeLogitsNow(chosenWithLogits(r).logits), r.placement, width, height);
  } catch {
    // The commit decodes the same logits and says what is wrong with them.
  }
}
