// Runs in: renderer (pure). Building segment.run requests from a selection's prompt: the points and box the
// user gave, the previous result for refinement, latest-wins key. Unit-tested in Node.
import type { PromptBox, PromptPoint, SegmentRunRequest } from '../core/bridge/segment-types';
import type { SelectionLayer } from '../../src-shared/document/types';

/** The engine takes at most this many points; older ones drop off (the previous mask keeps their effect). */
export const MAX_PROMPT_POINTS = 64;

export type Prompt = SelectionLayer['prompt'];

export function withPoint(prompt: Prompt, point: PromptPoint): Prompt {
  const points = [...prompt.points, point];
  return { ...prompt, points: points.length > MAX_PROMPT_POINTS ? points.slice(-MAX_PROMPT_POINTS) : points };
}

export function withBox(prompt: Prompt, box: PromptBox): Prompt {
  return { ...prompt, box: normaliseBox(box) };
}

/** Corners in any order → x0 < x1, y0 < y1. */
export function normaliseBox(b: PromptBox): PromptBox {
  return { x0: Math.min(b.x0, b.x1), y0: Math.min(b.y0, b.y1), x1: Math.max(b.x0, b.x1), y1: Math.max(b.y0, b.y1) };
}

/** Box clipped to the image; null when nothing of it is left or it is too small to mean anything. */
export function clipBox(b: PromptBox, width: number, height: number, minSize = 4): PromptBox | null {
  const n = normaliseBox(b);
  const c = { x0: Math.max(0, n.x0), y0: Math.max(0, n.y0), x1: Math.min(width, n.x1), y1: Math.min(height, n.y1) };
  return c.x1 - c.x0 >= minSize && c.y1 - c.y0 >= minSize ? c : null;
}

/** The segment.run request for a selection with `prompt`; refines from the selection's last SAM result. */
export function buildRunRequest(layer: Pick<SelectionLayer, 'id' | 'assetId' | 'sam'>, prompt: Prompt): SegmentRunRequest {
  // The chosen candidate's logits only: the others follow after the frame (candidate-logits.ts).
  const req: SegmentRunRequest = {
    assetId: layer.assetId,
    points: prompt.points,
    multimask: true,
    key: layer.id,
    candidateLogits: 'chosen',
  };
  if (prompt.box) req.box = prompt.box;
  const sam = layer.sam;
  if (sam) {
    req.packId = sam.packId;
    req.previousLowRes = sam.resultId
      ? { resultId: sam.resultId, index: sam.candidateIndex, fallback: sam.logits }
      : { logits: sam.logits };
  }
  return req;
}

/** A drag counts as a box once it moved this many screen pixels; less is a click. */
export const DRAG_THRESHOLD = 4;

export const isDrag = (a: { x: number; y: number }, b: { x: number; y: number }): boolean =>
  Math.hypot(a.x - b.x, a.y - b.y) >= DRAG_THRESHOLD;
