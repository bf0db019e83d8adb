// Runs in: engine process (pure). What a selection exports as: its full-size mask, and a cut-out of what
// is seen under it (the document's composite: a generated layer over the photo shows in it) with the
// mask as alpha, cropped to the mask's bounding box.
import type { EditorDocument, SelectionLayer } from '../../../src-shared/document/types';
import { bbox, type Mask, type Rect } from '../../../src-shared/masks';
import type { Pixels } from '../images/pixels';

export interface Cutout {
  /** RGBA, rect.width × rect.height. */
  rgba: Buffer;
  /** In the image's pixels. */
  rect: Rect;
}

/**
 * The visible pixels under a mask: `composite` is the document's RGBA composite, `origin` where the mask's
 * image sits in it. null when the mask selects nothing. Alpha = mask coverage × the composite's alpha
 * (0 where the image hangs outside the document).
 */
export function cutOut(composite: Pixels, mask: Mask, origin: { x: number; y: number }): Cutout | null {
  const rect = bbox(mask);
  if (!rect) return null;
  const { data: src, channels: ch, width, height } = composite;
  const rgba = Buffer.alloc(rect.width * rect.height * 4);
  let d = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    const dy = y + origin.y;
    for (let x = rect.x; x < rect.x + rect.width; x++, d += 4) {
      const dx = x + origin.x;
      if (dx < 0 || dy < 0 || dx >= width || dy >= height) continue; // stays transparent
      const s = (dy * width + dx) * ch;
      const m = mask.data[y * mask.width + x]!;
      rgba[d] = src[s]!;
      rgba[d + 1] = src[s + 1]!;
      rgba[d + 2] = src[s + 2]!;
      rgba[d + 3] = ch === 4 ? Math.round((src[s + 3]! * m) / 255) : m;
    }
  }
  return { rgba, rect };
}

/** A crop of the image's pixels as RGBA (its own alpha kept), for a PSD layer under a layer mask. */
export function cropRgba(pixels: Pixels, rect: Rect): Buffer {
  const { data: src, channels: ch, width } = pixels;
  const out = Buffer.alloc(rect.width * rect.height * 4);
  let d = 0;
  for (let y = rect.y; y < rect.y + rect.height; y++) {
    for (let x = rect.x, s = (y * width + x) * ch; x < rect.x + rect.width; x++, s += ch, d += 4) {
      out[d] = src[s]!;
      out[d + 1] = src[s + 1]!;
      out[d + 2] = src[s + 2]!;
      out[d + 3] = ch === 4 ? src[s + 3]! : 255;
    }
  }
  return out;
}

/** A crop of a mask (one byte a pixel). */
export function cropMask(mask: Mask, rect: Rect): Buffer {
  const out = Buffer.alloc(rect.width * rect.height);
  for (let y = 0; y < rect.height; y++) {
    const from = (rect.y + y) * mask.width + rect.x;
    out.set(mask.data.subarray(from, from + rect.width), y * rect.width);
  }
  return out;
}

/**
 * Where the selection's image sits in the document: the first image layer showing the same asset.
 * A selection whose image layer was deleted is placed at the origin.
 */
export function selectionOrigin(doc: EditorDocument, layer: SelectionLayer): { x: number; y: number } {
  const image = doc.layers.find((l) => l.kind === 'image' && l.assetId === layer.assetId);
  return image && image.kind === 'image' ? { x: image.x, y: image.y } : { x: 0, y: 0 };
}

/** RGB(A) pixels as RGBA (PSD layers and cut-outs want four channels). */
export function toRgba(p: Pixels): Buffer {
  return p.channels === 4 ? p.data : cropRgba(p, { x: 0, y: 0, width: p.width, height: p.height });
}
