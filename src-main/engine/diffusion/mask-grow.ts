// Runs in: engine process (pure). The mask a generative fill repaints: the selection grown by a few
// pixels. SAM and box masks sit 2–3 px inside an object's edge, so a fill of exactly the selection left a
// rim of the old object (issue 16 #9); Photoshop's Generative Fill grows its mask a little too. The grown
// ring is hard (exact Euclidean grow); a soft selection keeps its soft tail beyond it.
import { grow, type Mask } from '../../../src-shared/masks';

export function growForGeneration(mask: Mask, px: number): Mask {
  if (px <= 0) return mask;
  const grown = grow(mask, px);
  for (let i = 0; i < grown.data.length; i++) if (mask.data[i]! > grown.data[i]!) grown.data[i] = mask.data[i]!;
  return grown;
}
