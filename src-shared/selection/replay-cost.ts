// Runs in: every process (pure). [Note: cost limits] What replaying a selection will cost, estimated from
// its inputs before any pixel is touched, so a request whose work grows with them (a stroke of 20,000
// points at radius 2000 on 12 MP is about 2.4 × 10¹¹ pixel visits, hours of work) is refused at once
// with a sentence instead of hanging the engine.
import { AnyfillError } from '../contract/errors';
import type { SelectionLayer } from '../document/selection';

/**
 * Pixel visits one replay may make: about 9 s of brush painting on a loaded 2-core VM (22 ns a visit
 * measured), under the engine's 20 s heartbeat; a 2,000-point stroke at radius 50 costs about 5 % of it.
 */
export const MAX_REPLAY_VISITS = 4e8;
/** Mask operations and wand clicks: linear passes over the mask, far cheaper per pixel than the brush. */
const PASSES_PER_OP = 1;
const PASSES_PER_WAND_CLICK = 1;

/** Pixel visits the strokes take at width × height (`scale` mask pixels per image pixel): rows × span per segment. */
export function strokeVisits(strokes: SelectionLayer['strokes'], width: number, height: number, scale = 1): number {
  let visits = 0;
  for (const s of strokes) {
    const r = s.radius * scale;
    for (let k = Math.min(1, s.points.length - 1); k < s.points.length; k++) {
      const a = s.points[Math.max(0, k - 1)]!,
        b = s.points[k]!;
      const top = Math.max(0, Math.min(a.y, b.y) * scale - r - 1),
        bottom = Math.min(height, Math.max(a.y, b.y) * scale + r + 1);
      const left = Math.max(0, Math.min(a.x, b.x) * scale - r - 1),
        right = Math.min(width, Math.max(a.x, b.x) * scale + r + 1);
      if (bottom > top && right > left) visits += (bottom - top) * Math.min(right - left, 2 * r + 3);
    }
  }
  return visits;
}

export function replayVisits(layer: Pick<SelectionLayer, 'strokes' | 'ops' | 'wand'>, width: number, height: number, scale = 1): number {
  const n = width * height;
  return (
    strokeVisits(layer.strokes, width, height, scale) +
    layer.ops.length * PASSES_PER_OP * n +
    (layer.wand?.length ?? 0) * PASSES_PER_WAND_CLICK * n
  );
}

/** Throws TOO_LARGE, naming the selection and what to do, when its replay would exceed the budget. */
export function checkReplayCost(
  layer: Pick<SelectionLayer, 'name' | 'strokes' | 'ops' | 'wand'>,
  width: number,
  height: number,
  scale = 1,
): void {
  const visits = replayVisits(layer, width, height, scale);
  if (visits <= MAX_REPLAY_VISITS) return;
  const times = Math.ceil(visits / MAX_REPLAY_VISITS);
  throw new AnyfillError(
    'TOO_LARGE',
    `“${layer.name}” is too large to compute at ${width} × ${height}: its brush strokes and operations would take about ${times}× the most one request may. Undo some strokes or use a smaller brush.`,
    `${visits.toExponential(2)} pixel visits; limit ${MAX_REPLAY_VISITS.toExponential(0)}`,
  );
}
