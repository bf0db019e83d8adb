// Runs in: engine process. A selection object's mask at the image's full resolution: the renderer's
// preview replay ([Note: selection]) run on the engine's own decode of the layer's logits.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import { area, type Mask } from '../../../src-shared/masks';
import { replaySelection } from '../../../src-shared/selection/replay';
import { checkReplayCost } from '../../../src-shared/selection/replay-cost';
import type { Pixels } from '../images/pixels';
import { decodeLogits } from '../segment/logits-codec';

/** The mask at the size of `pixels` (the decoded, upright image the selection was made on). */
export function fullResSelectionMask(layer: SelectionLayer, pixels: Pixels): Mask {
  const { width, height } = pixels;
  checkReplayCost(layer, width, height); // [Note: cost limits] before any decoding or painting
  let logits: Float32Array | null = null;
  if (layer.sam) {
    const { base64, ...rest } = layer.sam.logits;
    logits = decodeLogits({ ...rest, data: new Uint8Array(Buffer.from(base64, 'base64')) });
  }
  return replaySelection(layer, { logits, image: pixels }, width, height, width);
}

/** `mask` itself, unless it selects nothing or everything (then a sentence saying which). */
export function checkNonEmpty(layer: Pick<SelectionLayer, 'name'>, mask: Mask): Mask {
  const { width, height } = mask;
  const selected = area(mask);
  if (selected === 0) throw new AnyfillError('BAD_REQUEST', `“${layer.name}” selects nothing; add to it with a click or the brush first.`);
  if (selected >= width * height) {
    throw new AnyfillError(
      'BAD_REQUEST',
      `“${layer.name}” covers the whole image; there is nothing left to fill it from. Shrink or invert the selection.`,
    );
  }
  return mask;
}
