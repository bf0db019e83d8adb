// Runs in: engine process. "Select everything": a grid of single-point prompts over the image, each
// decoded against the one cached embedding; candidates kept only when the model is confident (predicted
// IoU) and the mask is stable (it barely moves when the logit threshold shifts by ±1), then duplicates
// removed by mask overlap, keeping the better one. Pure filtering below, one decoder run per point.
import { AnyfillError } from '../../../src-shared/contract/errors';
import type { LowResPlacement } from '../../../src-shared/masks/low-res';
import { LOW_RES } from '../../../src-shared/masks/low-res';

export interface EverythingCandidate {
  point: { x: number; y: number };
  logits: Float32Array;
  score: number;
}

export interface EverythingOptions {
  /** Minimum predicted IoU. */
  minScore: number;
  /** Minimum IoU between the masks at logit > +1 and logit > −1. */
  minStability: number;
  /** Two masks overlapping more than this are one object. */
  maxOverlap: number;
  /** Ignore specks: minimum share of the image's low-res cells. */
  minAreaShare: number;
  maxInstances: number;
}

export const EVERYTHING_DEFAULTS: EverythingOptions = {
  minScore: 0.7,
  minStability: 0.85,
  maxOverlap: 0.7,
  minAreaShare: 0.0005,
  maxInstances: 64,
};

/** Grid points at cell centres, in image pixels. */
export function gridPoints(width: number, height: number, n: number): Array<{ x: number; y: number }> {
  const pts = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) pts.push({ x: ((i + 0.5) * width) / n, y: ((j + 0.5) * height) / n });
  return pts;
}

/** The low-res cells of the image's part of the grid with logit > t, as a bit set. */
function cells(logits: Float32Array, p: LowResPlacement, t: number): Uint8Array {
  const { x, y, width, height } = p.sourceRect;
  const out = new Uint8Array(LOW_RES * LOW_RES);
  for (let r = Math.floor(y); r < Math.ceil(y + height); r++) {
    for (let c = Math.floor(x); c < Math.ceil(x + width); c++) out[r * LOW_RES + c] = logits[r * LOW_RES + c]! > t ? 1 : 0;
  }
  return out;
}

function iou(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.length; i++) {
    inter += a[i]! & b[i]!;
    union += a[i]! | b[i]!;
  }
  return union ? inter / union : 0;
}

export interface EverythingInstance extends EverythingCandidate {
  stability: number;
  cells: number;
}

/** Keeps confident, stable, non-duplicate masks: best (score × stability) first. */
export function selectInstances(
  candidates: EverythingCandidate[],
  p: LowResPlacement,
  o: EverythingOptions = EVERYTHING_DEFAULTS,
): EverythingInstance[] {
  const total = p.sourceRect.width * p.sourceRect.height;
  const kept: Array<EverythingInstance & { bits: Uint8Array }> = [];
  const scored = candidates
    .filter((c) => c.score >= o.minScore)
    .map((c) => {
      const bits = cells(c.logits, p, 0);
      const stability = iou(cells(c.logits, p, 1), cells(c.logits, p, -1));
      const count = bits.reduce((n, b) => n + b, 0);
      return { ...c, bits, stability, cells: count };
    })
    .filter((c) => c.stability >= o.minStability && c.cells >= o.minAreaShare * total)
    .sort((a, b) => b.score * b.stability - a.score * a.stability);
  for (const c of scored) {
    if (kept.length >= o.maxInstances) break;
    if (kept.some((k) => iou(k.bits, c.bits) > o.maxOverlap)) continue;
    kept.push(c);
  }
  return kept.map(({ bits: _bits, ...rest }) => rest);
}

/** The longest Select Everything Anyfill starts: it is one request with no cancel, so it is bounded up front. */
export const EVERYTHING_MAX_MS = 60_000;

/**
 * A cost estimate from the first decoder run, measured on this machine: `runs` × its time. Over the budget it is
 * refused as too large, saying how long it would take and which grid fits.
 */
export function checkEverythingCost(runs: number, firstRunMs: number, maxMs = EVERYTHING_MAX_MS): void {
  const estimate = runs * Math.max(firstRunMs, 0.1);
  if (estimate <= maxMs) return;
  const fits = Math.max(2, Math.floor(Math.sqrt(maxMs / Math.max(firstRunMs, 0.1))));
  const secs = Math.round(estimate / 1000);
  const took = secs >= 120 ? `about ${Math.round(secs / 60)} minutes` : `about ${secs} s`;
  throw new AnyfillError(
    'TOO_LARGE',
    `Select Everything would run the segmentation model ${runs} times, ${took} on this computer; choose a grid of ${fits} × ${fits} or less, or select by clicking.`,
  );
}
