// Runs in: renderer. A click's answer made into its preview mask before it is committed (sam-masks.ts),
// while nothing else is waiting: the press's answer arrives while the button is still down, and the
// release's frame then only has to draw the mask.
import { chosenWithLogits } from '../core/bridge/chosen-candidate';
import { decodeLogitsNow, previewSize, sharedSamMask } from '../selection/api';
import type { SegmentRunResult } from '../core/bridge/segment-types';
import type { Mask } from '../../src-shared/masks';

/**
 * The chosen candidate's mask at the size the selection overlay asks for, made and kept now.
 * Undefined for malformed logits: the commit decodes the same logits and says what is wrong with them.
 */
export function prepareAnswerMask(r: SegmentRunResult): Mask | undefined {
  try {
    const { width, height } = previewSize(r.placement.width, r.placement.height);
    return sharedSamMask(decodeLogitsNow(chosenWithLogits(r).logits), r.placement, width, height);
  } catch {
    return undefined;
  }
}
