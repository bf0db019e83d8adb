// Runs in: renderer (pure). Recording a brush stroke's pointer positions compactly.
import type { Point } from '../../src-shared/masks';

export const MAX_STROKE_POINTS = 20_000;

/** Drop points closer than `minStep` image pixels to the last kept one (the capsule brush leaves no gaps). */
export function decimate(points: readonly Point[], minStep: number): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (!last || Math.hypot(p.x - last.x, p.y - last.y) >= minStep)
      out.push({ x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 });
  }
  const end = points[points.length - 1];
  if (end && out.length > 1 && out[out.length - 1] !== end) {
    const last = out[out.length - 1]!;
    if (last.x !== end.x || last.y !== end.y) out.push({ x: Math.round(end.x * 10) / 10, y: Math.round(end.y * 10) / 10 });
  }
  return out.length > MAX_STROKE_POINTS ? out.filter((_, i) => i % Math.ceil(out.length / MAX_STROKE_POINTS) === 0) : out;
}
