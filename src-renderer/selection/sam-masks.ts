// Runs in: renderer. Preview masks of selections that are SAM's logits alone (no wand clicks, no strokes),
// the last few remembered by the decoded logits they come from: such a mask belongs to the logits, not
// to the layer object carrying them. So an answer's mask can be made before the answer is committed —
// while the button is still down (press), or when its hover preview was drawn — and the committed
// selection's frame only draws it. Masks handed out here are shared: callers must not modify them.
import type { LowResPlacement, Mask } from '../../src-shared/masks';
import { samMask } from '../../src-shared/selection/replay';

/**
 * The last few made, newest last. Few on purpose: hover answers stream in at ~20 a second and each mask is
 * ~1.5 MB; committed selections keep theirs in preview-mask.ts's per-layer cache anyway.
 */
const recent: Array<{ logits: Float32Array; key: string; mask: Mask }> = [];
const KEEP = 4;

/** replay.ts samMask, made once per logits, placement and size. */
export function sharedSamMask(logits: Float32Array, placement: LowResPlacement, width: number, height: number): Mask {
  const key = `${width}×${height} ${JSON.stringify(placement)}`;
  const at = recent.findIndex((r) => r.logits === logits && r.key === key);
  if (at >= 0) {
    const [hit] = recent.splice(at, 1);
    recent.push(hit!);
    return hit!.mask;
  }
  const mask = samMask(logits, placement, width, height);
  recent.push({ logits, key, mask });
  if (recent.length > KEEP) recent.shift();
  return mask;
}
