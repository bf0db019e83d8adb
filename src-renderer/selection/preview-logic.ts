// Runs in: renderer (pure). Preview cache keys and preview sizes; ops replay lives in src-shared/selection.
// A preview smaller than the image must still show small ops (issue 16 #11: six 1-px grows of a 2250-px
// photo showed nothing on its 1536-px preview, each being 0.68 preview px): consecutive grows (or shrinks)
// are replayed as one, and a grow is at least one preview pixel. While refining, the preview is also
// computed at the resolution the zoom shows (refineSize), so one image pixel is one pixel there.
import type { MaskOp } from '../../src-shared/document/selection';
import type { Mask } from '../../src-shared/masks';
import { applyOps as replayOps } from '../../src-shared/selection/replay';

/** The ops as a preview at `scale` (< 1) replays them: same-direction grows merged, each ≥ 1 preview px. */
export function opsForPreview(ops: readonly MaskOp[], scale: number): MaskOp[] {
  if (scale >= 1) return [...ops];
  const out: MaskOp[] = [];
  for (const op of ops) {
    const prev = out.at(-1);
    if (op.kind === 'grow' && prev?.kind === 'grow' && Math.sign(prev.px) === Math.sign(op.px))
      out[out.length - 1] = { kind: 'grow', px: prev.px + op.px };
    else out.push(op);
  }
  return out.map((op) =>
    op.kind === 'grow' && op.px !== 0 ? { kind: 'grow', px: Math.sign(op.px) * Math.max(Math.abs(op.px), 1 / scale) } : op,
  );
}

/** applyOps as the overlay shows it (opsForPreview below full resolution). */
export function applyOps(mask: Mask, ops: readonly MaskOp[], scale: number): Mask {
  return replayOps(mask, opsForPreview(ops, scale), scale);
}

/**
 * The size to preview a selection being refined at: its usual preview size, or finer when the view is
 * zoomed in beyond it (doubling, up to the image's own size and at most `cap` on the long side).
 */
export function refineSize(width: number, height: number, viewScale: number, cap = 4096): { width: number; height: number } {
  const base = previewSize(width, height);
  const limit = Math.min(1, cap / Math.max(width, height));
  let s = base.width / width;
  while (s < viewScale && s < limit) s = Math.min(limit, s * 2);
  return s === base.width / width ? base : { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/** Cache key of one preview of one layer version: size and the ops replayed. */
export function previewKey(width: number, height: number, ops: readonly MaskOp[] | undefined): string {
  return `${width}x${height}|${ops ? JSON.stringify(ops) : '-'}`;
}

/** The preview size for an image: its own size, the long side capped at `max`. */
export function previewSize(width: number, height: number, max = 1536): { width: number; height: number } {
  const s = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}
