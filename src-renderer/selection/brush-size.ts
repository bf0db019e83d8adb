// Runs in: renderer (pure). Brush size steps for [ ] and Ctrl+wheel.
export const BRUSH_MIN = 1;
export const BRUSH_MAX = 1000;

/** Next brush radius one step up (dir 1) or down: ~15 % per step, at least 1 px. */
export function stepBrushRadius(radius: number, dir: 1 | -1): number {
  const next = dir > 0 ? Math.max(radius + 1, radius * 1.15) : Math.min(radius - 1, radius / 1.15);
  return Math.round(Math.min(BRUSH_MAX, Math.max(BRUSH_MIN, next)));
}
