// Runs in: engine process (and the CLI). What callers of the segment service send and get back (the
// per-click result, SegmentResult, is in types.ts). Plain data: these become the contract's schemas.
import type { AssetId } from '../../../src-shared/document/ids';
import type { PreviousLowRes } from './result-store';
import type { Box, CacheHit, PromptBox, PromptPoint } from './types';

export type { PreviousLowRes } from './result-store';

export interface SegmentRequest {
  assetId: AssetId;
  /** Default: the first installed SAM pack, the catalog's default first. */
  packId?: string;
  points: PromptPoint[];
  box?: PromptBox;
  /** Refine: the previous mask is fed back as mask_input. */
  previousLowRes?: PreviousLowRes;
  /** Return every candidate (default) or only the chosen one. */
  multimask?: boolean;
  /** Requests with the same key are latest-wins: a superseded one rejects with CANCELLED. */
  key?: string;
  /** 'hover': a preview; its own latest-wins lane behind clicks, its result never used for refinement. */
  lane?: 'click' | 'hover';
  /** 'chosen': logits of the chosen candidate only (the rest from SegmentService.candidates). Default 'all'. */
  candidateLogits?: 'all' | 'chosen';
}

export interface PrepareResult {
  packId: string;
  ms: number;
  cached: CacheHit;
}

/** A full-size mask of a fresh prompt (its chosen candidate, or slot `candidate`), or of a held result. */
export type FullResRequest = (SegmentRequest & { candidate?: number }) | { assetId: AssetId; resultId: string; index: number };

export interface FullResMask {
  packId: string;
  resultId: string;
  width: number;
  height: number;
  /** width × height, 255 inside, 0 outside, rows top to bottom. */
  mask: Uint8Array;
  /** The decoder output slot used, and its predicted IoU. */
  index: number;
  score: number;
  bbox: Box | null;
  area: number;
  timings: { modelMs: number; maskMs: number; totalMs: number; embedding: CacheHit };
}
