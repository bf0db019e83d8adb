// Runs in: every process (pure). Soft edges: feather (Gaussian-like blur) and smooth (blur + threshold).
// Both use boxBlur (three box passes per axis, linear whatever the radius; see box-blur.ts). Its support
// is exactly ±radius, so an edge becomes a monotone ramp 2·radius wide centred on the original edge
// (σ ≈ radius / 3). Image borders replicate the edge pixel, so a selection touching the border stays
// solid there. Only the selection's bounding box plus the radius is touched: outside it stays 0.
import { type Mask, SELECTED } from './mask';
import { boxBlur } from './box-blur';

/** Soft edge: every edge becomes a ramp from 0 to 255 that is 2·radius pixels wide. */
export function feather(mask: Mask, radius: number): Mask {
  return boxBlur(mask, radius);
}

/**
 * Rounds jagged edges and removes specks and pinholes smaller than about the radius, keeping the area
 * (the 50 % level of a symmetric blur sits on straight edges). The result is hard (0 or 255).
 */
export function smooth(mask: Mask, radius: number): Mask {
  const out = boxBlur(mask, radius);
  const d = out.data,
    t = SELECTED; // a local: imported bindings can be getters, too slow per pixel
  for (let i = 0; i < d.length; i++) d[i] = d[i]! >= t ? 255 : 0;
  return out;
}
