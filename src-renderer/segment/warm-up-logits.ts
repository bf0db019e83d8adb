// Runs in: renderer (pure). The made-up logits the mask-path warm-up decodes (warm-up.ts): a disc, as
// the wire carries it once inflated.
import { predictCode } from '../../src-shared/masks';

/** A disc of positive logits as the wire's residuals (code minus its left + up − up-left prediction). */
export function discResiduals(): Uint8Array {
  const codes = new Int8Array(256 * 256);
  for (let y = 0; y < 256; y++)
    for (let x = 0; x < 256; x++) codes[y * 256 + x] = Math.max(-127, Math.min(127, Math.round((60 - Math.hypot(x - 128, y - 90)) * 4)));
  return Uint8Array.from(codes, (q, i) => (q - predictCode(codes, i % 256, i)) & 0xff);
}
