// Runs in: engine process (and the CLI). Turns candidates from every pass into the numbered list the user
// sees: a box that overlaps a better one with the same label (IoU > 0.7) is the same object found twice,
// by two queries or by two per-phrase passes; the rest are sorted by score and numbered from 1.
import type { Box, Candidate } from './postprocess';

export const DUPLICATE_IOU = 0.7;

export interface Detection extends Candidate {
  /** 1-based, in score order: the number drawn on the canvas. */
  index: number;
}

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const iy = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const inter = ix * iy;
  const union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter;
  return union > 0 ? inter / union : 0;
}

/** Greedy non-maximum suppression per label, best score first. */
export function dropDuplicates(found: readonly Candidate[], threshold = DUPLICATE_IOU): Candidate[] {
  const sorted = [...found].sort((a, b) => b.score - a.score);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    if (!kept.some((k) => k.label === c.label && iou(k.box, c.box) > threshold)) kept.push(c);
  }
  return kept;
}

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;

/** De-duplicated, sorted by score, numbered from 1; boxes to 1/100 px and scores to 4 places. */
export function numberDetections(found: readonly Candidate[]): Detection[] {
  return dropDuplicates(found).map((c, i) => ({
    index: i + 1,
    label: c.label,
    phrase: c.phrase,
    score: round(c.score, 4),
    box: { x0: round(c.box.x0, 2), y0: round(c.box.y0, 2), x1: round(c.box.x1, 2), y1: round(c.box.y1, 2) },
  }));
}
