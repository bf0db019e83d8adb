// Runs in: engine process (pure: unit-tested). A layer's pixels with those under a selection made
// transparent: alpha scaled by (1 − coverage), so a feathered edge clears partly, as Photoshop's Delete does.
import type { Mask } from '../../../src-shared/masks';
import type { Pixels } from './pixels';

/**
 * `layer` sits at (offsetX, offsetY) in the mask's pixels. Returns RGBA pixels and how many of them lost
 * alpha; the input is not changed.
 */
export function clearUnderMask(layer: Pixels, mask: Mask, offsetX: number, offsetY: number): { pixels: Pixels; cleared: number } {
  const { width, height } = layer;
  const out = Buffer.alloc(width * height * 4);
  let cleared = 0;
  for (let y = 0; y < height; y++) {
    const my = y + offsetY;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const src = i * layer.channels;
      out[i * 4] = layer.data[src]!;
      out[i * 4 + 1] = layer.data[src + 1]!;
      out[i * 4 + 2] = layer.data[src + 2]!;
      const alpha = layer.channels === 4 ? layer.data[src + 3]! : 255;
      const mx = x + offsetX;
      const coverage = mx >= 0 && my >= 0 && mx < mask.width && my < mask.height ? mask.data[my * mask.width + mx]! : 0;
      const kept = coverage === 0 ? alpha : Math.round((alpha * (255 - coverage)) / 255);
      if (kept !== alpha) cleared++;
      out[i * 4 + 3] = kept;
    }
  }
  return { pixels: { data: out, width, height, channels: 4 }, cleared };
}
