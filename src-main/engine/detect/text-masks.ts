// Runs in: engine process (and the CLI). The sub-sentence text inputs of IDEA-style Grounding DINO exports
// (model-contracts §4.1, §4.3): each phrase attends only to itself, and position ids restart per phrase.
// The onnx-community export computes these inside its graph, baked for one phrase (Pitfall 8).
import { SEPARATOR_IDS } from './caption';

export interface TextMasks {
  /** [L] position ids: 0,1,2… within each phrase, 0 on [CLS] and [SEP]. */
  positionIds: number[];
  /** [L,L] row-major 1/0: the block of each phrase (its "." included) plus the diagonal. */
  selfAttention: Uint8Array;
}

/**
 * IDEA's generate_masks_with_special_tokens_and_transfer_map: start from the identity; for each separator
 * at column c (prev starting at 0) that is neither first nor last, set the block [prev+1..c]² and number
 * prev+1..c from 0; then prev = c. "[CLS] the running dog . [SEP]" gives position ids [0,0,1,2,3,0].
 */
export function subSentenceMasks(ids: readonly number[]): TextMasks {
  const L = ids.length;
  const selfAttention = new Uint8Array(L * L);
  for (let i = 0; i < L; i++) selfAttention[i * L + i] = 1;
  const positionIds = new Array<number>(L).fill(0);
  let prev = 0;
  for (let c = 0; c < L; c++) {
    if (!SEPARATOR_IDS.has(ids[c]!)) continue;
    if (c > 0 && c < L - 1) {
      for (let r = prev + 1; r <= c; r++) {
        positionIds[r] = r - prev - 1;
        selfAttention.fill(1, r * L + prev + 1, r * L + c + 1);
      }
    }
    prev = c;
  }
  return { positionIds, selfAttention };
}
