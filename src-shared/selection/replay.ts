// Runs in: every process (pure). [Note: selection] replay: a selection object's mask at any size —
// SAM logits, then magic-wand clicks (on the image's pixels at that size), then brush strokes, then mask
// operations — the same code for the renderer's preview and
// the engine's full-resolution mask, so what the user sees is what a fill or an export uses.
import type { MaskOp, SelectionLayer } from '../document/selection';
import {
  applyStrokes,
  createMask,
  feather,
  fillHoles,
  grow,
  invert,
  lowResToMask,
  removeIslands,
  replayWand,
  shrink,
  smooth,
  type LowResPlacement,
  type Mask,
  type WandImage,
} from '../masks';

/** Replays ops on a mask at `scale` mask pixels per image pixel (sizes and radii are in image pixels). */
export function applyOps(mask: Mask, ops: readonly MaskOp[], scale: number): Mask {
  let m = mask;
  for (const op of ops) {
    switch (op.kind) {
      case 'fillHoles':
        m = fillHoles(m);
        break;
      case 'removeIslands':
        m = removeIslands(m, Math.max(1, Math.round(op.minArea * scale * scale)));
        break;
      case 'grow':
        m = op.px >= 0 ? grow(m, op.px * scale) : shrink(m, -op.px * scale);
        break;
      case 'feather':
        m = feather(m, op.radius * scale);
        break;
      case 'smooth':
        m = smooth(m, op.radius * scale);
        break;
      case 'invert':
        m = invert(m);
        break;
    }
  }
  return m;
}

/** What a replay reads besides the layer: its decoded SAM logits and, for wand clicks, the image. */
export interface ReplaySources {
  /** null for a selection without a SAM result. */
  logits: Float32Array | null;
  /** The image at exactly the replay's width × height; required when the layer has wand clicks. */
  image?: WandImage;
}

/** Does replaying this layer need the image's pixels? */
export const needsPixels = (layer: SelectionLayer): boolean => (layer.wand?.length ?? 0) > 0;

/** Is the layer's mask before ops its SAM logits alone (replayBase is then exactly samMask)? */
export const isSamOnly = (layer: Pick<SelectionLayer, 'wand' | 'strokes'>): boolean => !layer.wand?.length && layer.strokes.length === 0;

/** The first step alone, SAM's logits at width × height: all an isSamOnly layer has. */
export function samMask(logits: Float32Array, placement: LowResPlacement, width: number, height: number): Mask {
  // lowResToMask hands back a fresh buffer of exactly this size: use it as the mask (no copy).
  return { width, height, data: lowResToMask(logits, placement, width, height) };
}

/**
 * The mask before ops, at width × height: SAM logits, wand clicks, strokes. `imageWidth` is the upright
 * image width the layer's coordinates refer to.
 */
export function replayBase(layer: SelectionLayer, src: ReplaySources, width: number, height: number, imageWidth: number): Mask {
  const scale = width / imageWidth;
  let mask = layer.sam && src.logits ? samMask(src.logits, layer.sam.placement, width, height) : createMask(width, height);
  if (needsPixels(layer)) {
    if (!src.image || src.image.width !== width || src.image.height !== height)
      throw new Error('replayBase: wand clicks need the image at the replay size');
    mask = replayWand(mask, src.image, layer.wand ?? [], scale);
  }
  if (layer.strokes.length) applyStrokes(mask, layer.strokes, scale);
  return mask;
}

/** The whole replay: base, then the layer's ops (or `ops` instead, for a live preview of an edit). */
export function replaySelection(
  layer: SelectionLayer,
  src: ReplaySources,
  width: number,
  height: number,
  imageWidth: number,
  ops: readonly MaskOp[] = layer.ops,
): Mask {
  return applyOps(replayBase(layer, src, width, height, imageWidth), ops, width / imageWidth);
}
