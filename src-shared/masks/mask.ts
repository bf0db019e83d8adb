// Runs in: every process (pure). The selection mask type and its cheap per-pixel operations.
// Masks are 8-bit coverage (0..255, 255 = selected) so a 24 MP mask is 24 MB and crosses a worker or
// process boundary as one transferable buffer. "Selected" always means coverage >= 128 (SELECTED).
// Every operation returns a new mask unless its name says it edits in place (the brush).
import { countSelectedIn, firstSetIn, lastSetIn, nonZeroBounds, wordsOf } from './scan';
import type { Mask, Rect } from './types';

export type { Mask, Rect } from './types';

/** Coverage at or above which a pixel counts as selected (connectivity, distances, area). */
export const SELECTED = 128;

export function createMask(width: number, height: number, fill = 0): Mask {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new RangeError(`mask size must be non-negative integers, got ${width}×${height}`);
  }
  const data = new Uint8Array(width * height);
  if (fill !== 0) data.fill(fill);
  return { width, height, data };
}

export function cloneMask(mask: Mask): Mask {
  return { width: mask.width, height: mask.height, data: mask.data.slice() };
}

export function assertSameSize(a: Mask, b: Mask): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new RangeError(`mask sizes differ: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  }
}

/** Hard mask: 255 where coverage >= t, else 0. */
export function threshold(mask: Mask, t = SELECTED): Mask {
  const out = createMask(mask.width, mask.height);
  const src = mask.data;
  const dst = out.data;
  for (let i = 0; i < src.length; i++) dst[i] = src[i]! >= t ? 255 : 0;
  return out;
}

export function invert(mask: Mask): Mask {
  const out = createMask(mask.width, mask.height);
  const src = mask.data;
  const dst = out.data;
  for (let i = 0; i < src.length; i++) dst[i] = 255 - src[i]!;
  return out;
}

// Fuzzy-set algebra (max / min / a∖b) keeps soft edges soft and is exact on hard masks.
export function union(a: Mask, b: Mask): Mask {
  assertSameSize(a, b);
  const out = createMask(a.width, a.height);
  const x = a.data,
    y = b.data,
    dst = out.data;
  for (let i = 0; i < x.length; i++) dst[i] = x[i]! > y[i]! ? x[i]! : y[i]!;
  return out;
}

export function intersect(a: Mask, b: Mask): Mask {
  assertSameSize(a, b);
  const out = createMask(a.width, a.height);
  const x = a.data,
    y = b.data,
    dst = out.data;
  for (let i = 0; i < x.length; i++) dst[i] = x[i]! < y[i]! ? x[i]! : y[i]!;
  return out;
}

export function subtract(a: Mask, b: Mask): Mask {
  assertSameSize(a, b);
  const out = createMask(a.width, a.height);
  const x = a.data,
    y = b.data,
    dst = out.data;
  for (let i = 0; i < x.length; i++) {
    const keep = 255 - y[i]!;
    dst[i] = x[i]! < keep ? x[i]! : keep;
  }
  return out;
}

/** Bounding box of every pixel with any coverage (> 0); null when the mask is empty. */
export function bbox(mask: Mask): Rect | null {
  // Word-at-a-time: the overlay does this in the frame that shows a click's mask.
  return nonZeroBounds(mask);
}

/** Number of selected pixels (coverage >= 128). */
export function area(mask: Mask): number {
  // Only the rows between the first and last non-zero byte are counted, a word at a time.
  const { data } = mask;
  const words = wordsOf(data);
  const first = firstSetIn(data, words, 0, data.length);
  if (first < 0) return 0;
  return countSelectedIn(data, words, first, lastSetIn(data, words, first, data.length) + 1);
}
