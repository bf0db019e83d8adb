// Runs in: renderer (pure). The before/after divider across the crop: where it is, which part of a
// candidate stays visible (right of it), and the split a pointer position asks for. Image pixels.
import type { Rect } from '../../src-shared/masks';

/** The divider's x for a split 0 (left edge: candidate everywhere) … 1 (right edge: original everywhere). */
export const dividerX = (crop: Rect, split: number): number => crop.x + Math.min(1, Math.max(0, split)) * crop.width;

/** The split a pointer at image x asks for, clamped to the crop. */
export function splitAt(crop: Rect, x: number): number {
  if (crop.width <= 0) return 0;
  return Math.min(1, Math.max(0, (x - crop.x) / crop.width));
}

/** The part of a candidate (at its image rectangle) right of the divider; null when none is left. */
export function visiblePart(candidate: Rect, crop: Rect, split: number): Rect | null {
  const left = Math.max(candidate.x, dividerX(crop, split));
  const right = candidate.x + candidate.width;
  if (right <= left || candidate.height <= 0) return null;
  return { x: left, y: candidate.y, width: right - left, height: candidate.height };
}

/** "1"…"4" pick a candidate; anything else is not a pick. */
export function candidateForKey(key: string, count: number): number | null {
  if (!/^[1-9]$/.test(key)) return null;
  const i = Number(key) - 1;
  return i < count ? i : null;
}
