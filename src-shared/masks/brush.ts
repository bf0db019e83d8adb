// Runs in: every process (pure). The selection brush: stamps, strokes and replay of recorded strokes.
// Each segment of a stroke is painted as the exact capsule the round brush sweeps (capsule.ts): no gaps
// whatever the spacing of pointer events, and a stamp or segment touches only its own bounding box.
// Add takes the max of old and brush coverage, erase the min of old and 255 − coverage: repainting is
// idempotent (overlapping segments and joints never build up), erase with the same hard brush exactly
// undoes add, and a replay gives the same mask whatever the pointer-event density was.
import { type Dirty, emptyDirty, paintSegment, toRect } from './capsule';
import { createMask } from './mask';
import type { BrushOptions, Mask, Point, Rect } from './types';

export type { BrushOptions, Point } from './types';

export interface BrushStamp extends BrushOptions, Point {}

/** A stroke as recorded on a selection, in image pixels. */
export interface BrushStroke extends BrushOptions {
  points: readonly Point[];
}

function paintPolyline(mask: Mask, points: readonly Point[], o: BrushOptions, dirty: Dirty): void {
  if (points.length === 1) paintSegment(mask, points[0]!, points[0]!, o, dirty);
  for (let k = 1; k < points.length; k++) paintSegment(mask, points[k - 1]!, points[k]!, o, dirty);
}

/** One dab of the brush, in place. Returns the rect of pixels that changed, or null. */
export function stampBrush(mask: Mask, stamp: BrushStamp): Rect | null {
  const dirty = emptyDirty();
  paintSegment(mask, stamp, stamp, stamp, dirty);
  return toRect(dirty);
}

/** Paints a polyline in place (call per frame with the new pointer points). Returns the changed rect or null. */
export function strokeBrush(mask: Mask, points: readonly Point[], opts: BrushOptions): Rect | null {
  const dirty = emptyDirty();
  paintPolyline(mask, points, opts, dirty);
  return toRect(dirty);
}

/** Replays recorded strokes (image pixels) onto mask at `scale` (positions and radius multiplied). */
export function applyStrokes(mask: Mask, strokes: readonly BrushStroke[], scale = 1): Rect | null {
  const dirty = emptyDirty();
  for (const s of strokes) {
    const opts = { ...s, radius: s.radius * scale };
    paintPolyline(
      mask,
      s.points.map((p) => ({ x: p.x * scale, y: p.y * scale })),
      opts,
      dirty,
    );
  }
  return toRect(dirty);
}

/** The mask the recorded strokes paint on an empty width × height canvas at `scale`. */
export function rasterizeStrokes(width: number, height: number, strokes: readonly BrushStroke[], scale = 1): Mask {
  const mask = createMask(width, height);
  applyStrokes(mask, strokes, scale);
  return mask;
}
