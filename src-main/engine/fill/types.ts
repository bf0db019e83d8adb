// Runs in: engine process and the fill worker thread (pure). Shapes of a content-aware fill job.

/** 8-bit sRGB pixels, rows top to bottom, no padding. */
export interface FillImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3 | 4;
}

/** migan, lama: the learned erasers (engine/erase), when their packs are installed; the others run in the fill worker. */
export type FillMethod = 'patchmatch' | 'telea' | 'migan' | 'lama';

export interface FillRequest {
  image: FillImage;
  /** width * height coverage; >= 128 means "fill this pixel". */
  mask: Uint8Array;
  method: FillMethod;
  /** Same seed, same request → same bytes. */
  seed: number;
}

export interface FillPatch {
  x: number;
  y: number;
  width: number;
  height: number;
  /** RGBA, width*height*4; alpha 255 on the mask, a feathered ramp just outside it, 0 elsewhere. */
  rgba: Uint8Array;
}

export interface FillResult extends FillPatch {
  method: FillMethod;
  ms: number;
}

/** done of total units weighted by cost (PatchMatch: hole pixels per step); last: in the final part. */
export interface FillProgress {
  done: number;
  total: number;
  phase: string;
  last?: boolean;
}

export interface FillOptions {
  onProgress?: (p: FillProgress) => void;
  /** Polled inside the loops; true aborts with AnyfillError CANCELLED. */
  shouldStop?: () => boolean;
}

/** A float working copy of (part of) an image: channels interleaved, values 0..255. */
export interface Plane {
  data: Float32Array;
  width: number;
  height: number;
  channels: number;
}

/** Integer pixel rectangle inside the image. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
