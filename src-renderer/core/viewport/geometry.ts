// Runs in: renderer. Where a selection's image sits in the document, and which image a click lands on.
import type { AssetId } from '../../../src-shared/document/ids';
import type { EditorDocument, ImageLayer } from '../../../src-shared/document/types';
import type { Point } from './viewport';

/** The image layer showing `assetId` (the first one: a selection is drawn over it). */
export function imageLayerOf(doc: EditorDocument | null, assetId: AssetId): ImageLayer | null {
  const l = doc?.layers.find((x) => x.kind === 'image' && x.assetId === assetId);
  return l && l.kind === 'image' ? l : null;
}

/** The topmost visible image under a document point; null when none. */
export function imageAt(doc: EditorDocument | null, p: Point): ImageLayer | null {
  const layers = doc?.layers ?? [];
  for (let i = layers.length - 1; i >= 0; i--) {
    const l = layers[i]!;
    if (l.kind !== 'image' || !l.visible) continue;
    if (p.x >= l.x && p.y >= l.y && p.x < l.x + l.width && p.y < l.y + l.height) return l;
  }
  return null;
}
