// Runs in: engine process (and the CLI). Pure prompt assembly and candidate choice for the SAM decoders
// (model-contracts §1.1 and §2.2, Pitfalls 1–3): what goes into point_coords / point_labels /
// mask_input, and which of the returned masks to show.
import { AnyfillError } from '../../../src-shared/contract/errors';
import { toFrame } from './geometry';
import { LOW_RES, type LowResPlacement, type Prompt, type SamFamily } from './types';

export interface AssembledPrompt {
  /** [N,2] (x,y) in the 1024 frame. */
  coords: Float32Array;
  /** [N]: 1 include, 0 exclude, 2/3 box corners, −1 padding. */
  labels: Float32Array;
  count: number;
}

/**
 * SAM 1 (prompt_encoder with pad = boxes is None): points first, then the box as two corners
 * (labels 2, 3); the padding point (0,0)/−1 only when there is no box.
 */
export function assembleSam1(prompt: Prompt, placement: LowResPlacement): AssembledPrompt {
  const rows: Array<[number, number, number]> = prompt.points.map((p) => [...toFrame(placement, p.x, p.y), p.label]);
  if (prompt.box) rows.push(...boxRows(prompt, placement));
  else rows.push([0, 0, -1]);
  return pack(rows);
}

/** SAM 2 (samexporter): the box corners are prepended; the graph appends its own padding point. */
export function assembleSam2(prompt: Prompt, placement: LowResPlacement): AssembledPrompt {
  const rows = prompt.box ? boxRows(prompt, placement) : [];
  rows.push(...prompt.points.map((p): [number, number, number] => [...toFrame(placement, p.x, p.y), p.label]));
  return pack(rows);
}

export function assemblePrompt(family: SamFamily, prompt: Prompt, placement: LowResPlacement): AssembledPrompt {
  return family === 'sam1' ? assembleSam1(prompt, placement) : assembleSam2(prompt, placement);
}

function boxRows(prompt: Prompt, placement: LowResPlacement): Array<[number, number, number]> {
  const b = prompt.box!;
  return [
    [...toFrame(placement, b.x0, b.y0), 2],
    [...toFrame(placement, b.x1, b.y1), 3],
  ];
}

function pack(rows: Array<[number, number, number]>): AssembledPrompt {
  return {
    coords: Float32Array.from(rows.flatMap(([x, y]) => [x, y])),
    labels: Float32Array.from(rows.map((r) => r[2])),
    count: rows.length,
  };
}

/** mask_input [1,1,256,256] and has_mask_input: the previous low-res logits, or zeros and 0. */
/** The "no previous mask" input: one shared array, never written, so the ORT worker keeps it (resident). */
const NO_MASK = new Float32Array(LOW_RES * LOW_RES);

export function maskInput(previous?: Float32Array): { data: Float32Array; has: 0 | 1 } {
  if (!previous) return { data: NO_MASK, has: 0 };
  if (previous.length !== LOW_RES * LOW_RES) {
    throw new AnyfillError('BAD_REQUEST', 'The previous mask to refine has the wrong size.', `${previous.length} values, not ${LOW_RES}²`);
  }
  return { data: previous, has: 1 };
}

/**
 * The mask tokens behind the decoder's outputs: SAM 1 with 4 masks → 0..3; SAM 2 (samexporter) → 1..3;
 * a single-mask export → null (the graph already picked).
 */
export function candidateTokens(family: SamFamily, count: number): Array<number | null> {
  if (count === 1) return [null];
  const first = family === 'sam2' || count === 3 ? 1 : 0;
  return Array.from({ length: count }, (_, i) => first + i);
}

/**
 * Which candidate to show, as the official single-mask rule does (§1.1): with N points counting the
 * padding point and both box corners, N ≥ 3 (two clicks, or a box and a click) → token 0, otherwise the
 * best of tokens 1..3 by predicted IoU. Without a token 0 (SAM 2), always the best by IoU.
 */
export function chooseCandidate(tokens: ReadonlyArray<number | null>, ious: readonly number[], prompt: Prompt): number {
  if (tokens.length <= 1) return 0;
  const n = prompt.points.length + (prompt.box ? 2 : 1);
  const zero = tokens.indexOf(0);
  if (zero >= 0 && n >= 3) return zero;
  let best = -1;
  tokens.forEach((t, i) => {
    if (t !== 0 && (best < 0 || (ious[i] ?? -Infinity) > (ious[best] ?? -Infinity))) best = i;
  });
  return Math.max(best, 0);
}
