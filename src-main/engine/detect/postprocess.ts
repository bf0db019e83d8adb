// Runs in: engine process (and the CLI). Grounding DINO outputs → labelled boxes in image pixels
// (model-contracts §4.1, Pitfall 9): sigmoid of the raw logits, score = best token, box threshold on the
// score, label = the tokens over the text threshold within the one phrase holding the best phrase token
// (IDEA's remove_combined), specials skipped; (cx,cy,w,h) 0..1 → clamped (x0,y0,x1,y1) pixels.
import { LABEL_SKIP_IDS, type Sequence } from './caption';

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One query's outcome before de-duplication. */
export interface Candidate {
  /** The tokens the model grounded (e.g. "red" for the phrase "a red ball"); the phrase when none passed. */
  label: string;
  /** The prompt phrase the box belongs to, as normalised ("a red ball"). */
  phrase: string;
  score: number;
  box: Box;
}

export interface ModelOutput {
  /** [queries, textLen] pre-sigmoid; −inf past the real text. */
  logits: Float32Array;
  /** [queries, 4] cx, cy, w, h in 0..1 of the unpadded model input. */
  boxes: Float32Array;
  queries: number;
  textLen: number;
}

export interface Thresholds {
  box: number;
  text: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { box: 0.35, text: 0.25 };

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** (cx,cy,w,h) normalised → pixel corners clamped to the image; null when nothing is left inside it. */
export function toPixelBox(cx: number, cy: number, w: number, h: number, width: number, height: number): Box | null {
  const clamp = (v: number, hi: number) => Math.min(hi, Math.max(0, Number.isFinite(v) ? v : 0));
  const box = {
    x0: clamp((cx - w / 2) * width, width),
    y0: clamp((cy - h / 2) * height, height),
    x1: clamp((cx + w / 2) * width, width),
    y1: clamp((cy + h / 2) * height, height),
  };
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : null;
}

/**
 * Every query whose score passes the box threshold, mapped to exactly one phrase of `text`.
 * Text positions ≥ textLen − 1 are never read (upstream right_idx = 255).
 */
export function candidates(
  out: ModelOutput,
  text: Sequence,
  size: { width: number; height: number },
  thresholds: Thresholds,
  decode: (ids: number[]) => string,
): Candidate[] {
  const L = Math.min(text.ids.length, out.textLen);
  const found: Candidate[] = [];
  for (let q = 0; q < out.queries; q++) {
    const row = q * out.textLen;
    let best = -Infinity;
    for (let l = 0; l < L; l++) best = Math.max(best, out.logits[row + l]!);
    const score = sigmoid(best);
    if (!(score > thresholds.box)) continue;
    // The phrase holding the best phrase token ("." included, as in the text mask's blocks).
    let span = null;
    let spanBest = -Infinity;
    for (const s of text.spans) {
      for (let l = s.start; l < Math.min(s.end, L, out.textLen - 1); l++) {
        if (out.logits[row + l]! > spanBest) [spanBest, span] = [out.logits[row + l]!, s];
      }
    }
    if (!span) continue;
    const grounded: number[] = [];
    for (let l = span.start; l < Math.min(span.end, L, out.textLen - 1); l++) {
      const id = text.ids[l]!;
      if (!LABEL_SKIP_IDS.has(id) && sigmoid(out.logits[row + l]!) > thresholds.text) grounded.push(id);
    }
    const b = out.boxes.subarray(q * 4, q * 4 + 4);
    const box = toPixelBox(b[0]!, b[1]!, b[2]!, b[3]!, size.width, size.height);
    if (!box) continue;
    const label = grounded.length > 0 ? decode(grounded).trim() : '';
    found.push({ label: label || span.text, phrase: span.text, score, box });
  }
  return found;
}
