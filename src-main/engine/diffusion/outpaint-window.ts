// Runs in: engine process (pure). The masks of one outpaint window. The model's output is unreliable
// within about one latent cell (8 processing pixels) of its mask's edge, on both sides: a cell that
// straddles the edge decodes to a mix of the new content and the blanked (grey) masked image. Blending
// those pixels in left a visible stripe along every seam (issue 16 #7). So the model repaints a band
// beyond the pixels this window owns (into the original and into earlier windows), wide enough that the
// feathered blend, which reaches only `radius` past the owned pixels, never touches that edge.
import { grow, type Rect } from '../../../src-shared/masks';
import { blendMasks, featherRadius } from './blend';
import { cropMask } from './crop';
import { LATENT_DOWN } from './prepare';

export interface WindowMasks {
  /** 255 on the new pixels no earlier window made: what this window owns. */
  owned: Uint8Array;
  /** 255 where the model repaints: the owned pixels grown by `band`. */
  model: Uint8Array;
  /** Blend weight: 255 on the owned pixels, a ramp over `radius` outside them, 0 beyond. */
  alpha: Uint8Array;
  radius: number;
  band: number;
}

/** Canvas pixels per latent cell when the window runs at `proc`. */
export function latentCell(win: Rect, proc: { width: number; height: number }): number {
  return LATENT_DOWN * Math.max(win.width / proc.width, win.height / proc.height);
}

export function windowMasks(
  isNew: Uint8Array,
  done: Uint8Array,
  canvasWidth: number,
  win: Rect,
  proc: { width: number; height: number },
): WindowMasks {
  const owned = cropMask(isNew, canvasWidth, win);
  for (let i = 0; i < owned.length; i++) {
    if (owned[i] && done[(win.y + Math.floor(i / win.width)) * canvasWidth + win.x + (i % win.width)]) owned[i] = 0;
  }
  const radius = featherRadius(win);
  // Two cells past the ramp: one for the straddling cell, one for the resize kernel and rounding.
  const band = radius + Math.ceil(2 * latentCell(win, proc));
  const model = grow({ width: win.width, height: win.height, data: owned }, band).data;
  const { alpha } = blendMasks(owned, win.width, win.height, radius);
  return { owned, model, alpha, radius, band };
}
