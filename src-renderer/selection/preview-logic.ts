// Runs in: renderer (pure). Preview cache keys and preview sizes; ops replay lives in src-shared/selection.
import type { MaskOp } from '../../src-shared/document/selection';

export { applyOps } from '../../src-shared/selection/replay';

/** Cache key of one preview of one layer version: size and the ops replayed. */
export function previewKey(width: number, height: number, ops: readonly MaskOp[] | undefined): string {
  return `${width}x${height}|${ops ? JSON.stringify(ops) : '-'}`;
}

/** The preview size for an image: its own size, the long side capped at `max`. */
export function previewSize(width: number, height: number, max = 1536): { width: number; height: number } {
  const s = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}
