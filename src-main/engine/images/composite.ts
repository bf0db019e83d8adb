// Runs in: engine process. Pure compositing of image layers onto a transparent canvas.
// Straight (non-premultiplied) alpha "over", bottom → top, clipped to the canvas. An opaque pixel
// at full opacity is copied exactly, so a single plain layer exports byte-identical to its source.
import type { Pixels } from './pixels';

export interface CompositeLayer {
  pixels: Pixels;
  /** Top-left corner in canvas pixels; may be negative or past the edge. */
  x: number;
  y: number;
  /** 0 … 1 */
  opacity: number;
}

/** RGBA canvas of `width` × `height` with the layers drawn in order. */
export function compositeLayers(width: number, height: number, layers: readonly CompositeLayer[]): Buffer {
  const out = Buffer.alloc(width * height * 4); // transparent black
  for (const layer of layers) drawLayer(out, width, height, layer);
  return out;
}

function drawLayer(out: Buffer, width: number, height: number, layer: CompositeLayer): void {
  const { pixels: p, x, y } = layer;
  const opacity = Math.min(1, Math.max(0, layer.opacity));
  if (opacity === 0) return;
  const x0 = Math.max(0, x);
  const x1 = Math.min(width, x + p.width);
  const y0 = Math.max(0, y);
  const y1 = Math.min(height, y + p.height);
  if (x0 >= x1 || y0 >= y1) return; // entirely off the canvas
  const src = p.data;
  const ch = p.channels;
  for (let cy = y0; cy < y1; cy++) {
    let s = ((cy - y) * p.width + (x0 - x)) * ch;
    let d = (cy * width + x0) * 4;
    for (let cx = x0; cx < x1; cx++, s += ch, d += 4) {
      const srcAlpha = ch === 4 ? (src[s + 3] ?? 0) : 255;
      const a = (srcAlpha / 255) * opacity;
      if (a === 0) continue;
      const dstA = (out[d + 3] ?? 0) / 255;
      if (a === 1 || dstA === 0) {
        // Nothing below shows through (or there is nothing below): the source colour as is.
        out[d] = src[s] ?? 0;
        out[d + 1] = src[s + 1] ?? 0;
        out[d + 2] = src[s + 2] ?? 0;
        out[d + 3] = Math.round(a * 255);
        continue;
      }
      const below = dstA * (1 - a);
      const outA = a + below;
      out[d] = Math.round(((src[s] ?? 0) * a + (out[d] ?? 0) * below) / outA);
      out[d + 1] = Math.round(((src[s + 1] ?? 0) * a + (out[d + 1] ?? 0) * below) / outA);
      out[d + 2] = Math.round(((src[s + 2] ?? 0) * a + (out[d + 2] ?? 0) * below) / outA);
      out[d + 3] = Math.round(outA * 255);
    }
  }
}

/** True when every pixel of an RGBA buffer is fully opaque. */
export function isOpaque(rgba: Buffer): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}

/** RGBA → RGB, for writing opaque results as smaller RGB PNGs. */
export function dropAlpha(rgba: Buffer): Buffer {
  const rgb = Buffer.allocUnsafe((rgba.length / 4) * 3);
  for (let s = 0, d = 0; s < rgba.length; s += 4, d += 3) {
    rgb[d] = rgba[s] ?? 0;
    rgb[d + 1] = rgba[s + 1] ?? 0;
    rgb[d + 2] = rgba[s + 2] ?? 0;
  }
  return rgb;
}
