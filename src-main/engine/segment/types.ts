// Runs in: engine process (and the CLI). The shapes the segmentation code passes around: prompts in image
// pixels, where a 256×256 low-res mask sits on the image, and what one click returns. Plain data only,
// so they can become contract schemas (requests.ts has what callers send).

import type { LOW_RES, LowResPlacement } from '../../../src-shared/masks/low-res';

export { FRAME, LOW_RES, type LowResPlacement } from '../../../src-shared/masks/low-res';

export type SamFamily = 'sam1' | 'sam2';

/** label 1 = include, 0 = exclude. Coordinates in upright image pixels (after EXIF orientation). */
export interface PromptPoint {
  x: number;
  y: number;
  label: 0 | 1;
}

/** Corners in upright image pixels; any order, clamped to the image. */
export interface PromptBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Prompt {
  points: readonly PromptPoint[];
  box?: PromptBox;
}

/**
 * One candidate's 256×256 logits for the wire: Int8 codes q, row-major, logit = q / scale, sent as
 * residuals r = (q − pred) mod 256 with pred = left + up − up-left (first row: left; first column: up;
 * the first cell: 0), then raw DEFLATE. To read: inflate (DecompressionStream('deflate-raw') in a
 * browser), then in row-major order q = Int8(pred + r) from the codes already read. The sign is always exact
 * (q > 0 ⇔ logit > 0), so the thresholded mask never changes. Precision falls only when a click's
 * candidates would not fit the byte budget (logits-codec.ts): scale 16 (±7.94 in 1/16 steps), 4 (±7.75
 * in 1/4 steps, other candidates first), 1 (sign only: q ∈ {−1, 0, 1}, a hard-edged preview).
 */
export interface EncodedLogits {
  encoding: 'i8-grad-deflate-raw';
  size: typeof LOW_RES;
  scale: 16 | 4 | 1;
  data: Uint8Array;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Candidate {
  /** Its slot among the decoder's outputs: pass it back with the resultId to refine or to get it at full size. */
  index: number;
  /** The decoder's mask token (SAM 1: 0 = single-mask token, 1..3 multimask); null when the graph picked. */
  token: number | null;
  /** The model's predicted IoU. */
  score: number;
  /** Absent for the candidates a 'chosen' reply leaves out (see candidates()). */
  logits?: EncodedLogits;
}

export type CacheHit = 'memory' | 'disk' | 'computed';

export interface SegmentTimings {
  /** The decoder's session.run alone. */
  modelMs: number;
  /** From the call to the result, including waiting for the embedding and the queue. */
  totalMs: number;
  /** Our own pre- and post-processing: totalMs − modelMs − waiting. */
  overheadMs: number;
  embedding: CacheHit;
  embeddingMs: number;
}

export interface SegmentResult {
  /** Names this result's exact float logits, held by the engine for a while (refinement, full-res). */
  resultId: string;
  packId: string;
  family: SamFamily;
  candidates: Candidate[];
  /** Index into `candidates`: the one to show (with multimask off, the only one). */
  chosen: number;
  placement: LowResPlacement;
  timings: SegmentTimings;
}

/** The float32 tensors an encoder produced for one image (SAM 2: image_embed + high_res_feats_0/1). */
export interface EmbeddingTensor {
  name: string;
  type: 'float32' | 'float16';
  dims: number[];
  /** float16: the binary16 bits. */
  data: Float32Array | Uint16Array;
}

export interface Embedding {
  family: SamFamily;
  /** Upright size of the image it was computed from. */
  width: number;
  height: number;
  tensors: EmbeddingTensor[];
}

export function embeddingBytes(e: Embedding): number {
  return e.tensors.reduce((n, t) => n + t.data.byteLength, 0);
}
