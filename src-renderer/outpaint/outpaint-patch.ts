// Runs in: renderer (pure). The document change an outpaint makes, as one recipe (one undo step): the
// canvas grows, every layer keeps its place on the photo (shifted by the offset), and the grown picture
// goes underneath as a new bottom layer, so the original photo stays on top, unchanged.
import type { Draft } from 'immer';
import type { EditorDocument, ImageLayer } from '../../src-shared/document/types';

export interface OutpaintGrowth {
  /** The photo layer that was extended. */
  readonly photoId: ImageLayer['id'];
  /** Where the photo's top-left corner sits in the grown picture. */
  readonly offset: { readonly x: number; readonly y: number };
  /** The grown picture's layer, positioned by growDocument (its x, y are ignored). */
  readonly layer: ImageLayer;
}

/** The new canvas size and the shift of every existing layer, or null when the photo is not there. */
export function growth(doc: EditorDocument, g: OutpaintGrowth): { width: number; height: number; dx: number; dy: number } | null {
  const photo = doc.layers.find((l) => l.id === g.photoId);
  if (photo?.kind !== 'image') return null;
  // The picture grows left/up by the offset; whatever sticks out of the old canvas keeps sticking out.
  const dx = Math.max(0, g.offset.x - photo.x);
  const dy = Math.max(0, g.offset.y - photo.y);
  const width = Math.max(doc.width + dx, photo.x + dx - g.offset.x + g.layer.width);
  const height = Math.max(doc.height + dy, photo.y + dy - g.offset.y + g.layer.height);
  return { width, height, dx, dy };
}

/** Apply the growth to a draft; false when the photo is gone (nothing changed). */
export function growDocument(d: Draft<EditorDocument>, g: OutpaintGrowth): boolean {
  const size = growth(d as EditorDocument, g);
  const photo = d.layers.find((l) => l.id === g.photoId);
  if (!size || photo?.kind !== 'image') return false;
  d.width = size.width;
  d.height = size.height;
  for (const l of d.layers) {
    if (l.kind !== 'image') continue;
    l.x += size.dx;
    l.y += size.dy;
  }
  d.layers.unshift({ ...g.layer, x: photo.x - g.offset.x, y: photo.y - g.offset.y });
  return true;
}
