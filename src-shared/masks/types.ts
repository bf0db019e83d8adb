// Runs in: every process (pure). The mask module's shared types, kept apart so the files that use them
// (mask and scan, brush and capsule) import them from here rather than from each other.

export interface Mask {
  width: number;
  height: number;
  /** Row-major coverage, length width * height. */
  data: Uint8Array;
}

/** Integer pixel rectangle; width and height are > 0 wherever one is returned. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface BrushOptions {
  /** Pixels, in the coordinates of the mask being painted. */
  radius: number;
  /** 1: hard edge (coverage is exactly 0 or 255); 0: soft all the way from the centre. */
  hardness: number;
  mode: 'add' | 'erase';
  /** 0..1, default 1: the most coverage this stroke adds (or removes). */
  opacity?: number;
}
