// Runs in: renderer. Preview masks of selections that are SAM's logits alone (no wand clicks, no strokes),
// remembered by the decoded logits they come from: such a mask belongs to the logits, not to the layer
// object carrying them. So an answer's mask can be made before the answer is committed — while the
// button is still down (press), or when its hover preview was drawn — and the committed selection's
// frame only draws it. Masks handed out here are shared: callers must not modify them.
import type { SelectionLayer } from '../../src-shared/document/selection';
import type { LowResPlacement, Mask } from '../../src-shared/masks';
import { samMask } from '../../src-shared/selection/replay';

/** Per logits array (decodeLogitsNow hands out one per encoding), the few sizes asked for. */
const made = new WeakMap<Float32Array, Map<string, Mask>>();
const SIZES_PER_LOGITS = 2;

/** Is this layer's mask before ops its SAM logits alone? */
export const isSamOnly = (layer: Pick<SelectionLayer, 'wand' | 'strokes'>): boolean => !layer.wand?.length && layer.strokes.length === 0;

/** replay.ts samMask, made once per logits, placement and size. */
export function sharedSamMask(logits: Float32Array, placement: LowResPlacement, width: number, height: number): Mask {
  const key = `${width}×${height} ${JSON.stringify(placement)}`;
  let sizes = made.get(logits);
  if (!sizes) made.set(logits, (sizes = new Map()));
  const hit = sizes.get(key);
  if (hit) return hit;
  const mask = samMask(logits, placement, width, height);
  sizes.set(key, mask);
  if (sizes.size > SIZES_PER_LOGITS) sizes.delete(sizes.keys().next().value!);
  return mask;
}
