// Runs in: renderer. Pure viewport math: fit, zoom about a point, pan, screen ↔ image coordinates.
// [Note: viewport] "Screen" means CSS pixels relative to the Stage's top-left corner. A viewport maps an
// image (document) point p to the screen as  screen = p * scale + (x, y).  Nothing here touches the DOM,
// so the math is unit-tested in Node (test/unit/renderer/viewport.test.ts).

export interface Viewport {
  /** Screen pixels per document pixel (1 = 100%). */
  readonly scale: number;
  /** Screen position of the document's origin. */
  readonly x: number;
  readonly y: number;
}
export interface Point {
  readonly x: number;
  readonly y: number;
}
export interface Size {
  readonly width: number;
  readonly height: number;
}

export const MIN_SCALE = 0.01; // 1%
export const MAX_SCALE = 32; // 3200%
export const FIT_MARGIN = 32;
/**
 * Height kept clear at the bottom of the canvas by Zoom to Fit: the floating bars there (tool options,
 * SAM candidates, generated candidates with Apply) are at most this tall, so a fitted image never
 * sits under them. Their CSS keeps them within it (overlays.css: --dock-height).
 */
export const FIT_BOTTOM_DOCK = 100;
export const IDENTITY: Viewport = { scale: 1, x: 0, y: 0 };

/** Preset zoom levels used by zoom in / zoom out, so repeated steps land on round numbers. */
export const ZOOM_STEPS = [
  0.01, 0.02, 0.03, 0.05, 0.0625, 0.08, 0.1, 0.125, 0.167, 0.25, 0.333, 0.5, 0.667, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32,
] as const;

export function clampScale(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

export function imageToScreen(v: Viewport, p: Point): Point {
  return { x: p.x * v.scale + v.x, y: p.y * v.scale + v.y };
}

export function screenToImage(v: Viewport, p: Point): Point {
  return { x: (p.x - v.x) / v.scale, y: (p.y - v.y) / v.scale };
}

/**
 * The largest scale at which the whole image fits inside the view with `margin` on every side, centred.
 * Capped at `maxScale` (100% by default) so a small image isn't blown up into a blur. The bottom margin
 * is at least `bottomDock` (the floating bars' band; at most half the view), and the image centres
 * between the top margin and that band.
 */
export function fitViewport(image: Size, view: Size, margin = FIT_MARGIN, maxScale = 1, bottomDock = 0): Viewport {
  if (image.width <= 0 || image.height <= 0 || view.width <= 0 || view.height <= 0) return IDENTITY;
  // A view smaller than twice the margin still shows the image, just without the margin.
  const m = Math.min(margin, view.width / 4, view.height / 4);
  const bottom = Math.max(m, Math.min(bottomDock, view.height / 2));
  const raw = Math.min((view.width - 2 * m) / image.width, (view.height - m - bottom) / image.height);
  const scale = clampScale(Math.min(raw, maxScale));
  return centerAt(image, { width: view.width, height: view.height - (bottom - m) }, scale);
}

/** The image centred in the view at `scale`; origin rounded to whole pixels so 100% stays crisp. */
export function centerAt(image: Size, view: Size, scale: number): Viewport {
  const s = clampScale(scale);
  return {
    scale: s,
    x: Math.round((view.width - image.width * s) / 2),
    y: Math.round((view.height - image.height * s) / 2),
  };
}

/** Zoom to `scale` (clamped) keeping the image point under the screen point `at` where it is. */
export function zoomAbout(v: Viewport, at: Point, scale: number): Viewport {
  const s = clampScale(scale);
  const anchor = screenToImage(v, at);
  return { scale: s, x: at.x - anchor.x * s, y: at.y - anchor.y * s };
}

/** Multiply the zoom by `factor` about `at` (wheel zoom). */
export function zoomBy(v: Viewport, at: Point, factor: number): Viewport {
  return zoomAbout(v, at, v.scale * factor);
}

/** Move the picture by a screen-space delta. */
export function pan(v: Viewport, dx: number, dy: number): Viewport {
  return { scale: v.scale, x: v.x + dx, y: v.y + dy };
}

/** The next preset zoom level above (dir = 1) or below (dir = -1) the current scale. */
export function nextZoomStep(scale: number, dir: 1 | -1): number {
  const eps = 1e-3;
  if (dir > 0) return ZOOM_STEPS.find((s) => s > scale * (1 + eps)) ?? MAX_SCALE;
  for (let i = ZOOM_STEPS.length - 1; i >= 0; i--) {
    const s = ZOOM_STEPS[i]!;
    if (s < scale * (1 - eps)) return s;
  }
  return MIN_SCALE;
}

/**
 * Zoom factor for one wheel event. deltaMode 1 (lines) and 2 (pages) are converted to pixels first;
 * the exponential keeps zoom-in then zoom-out by the same delta an exact round trip.
 */
export function wheelZoomFactor(deltaY: number, deltaMode: number, pageHeight = 800): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * pageHeight : deltaY;
  const limited = Math.max(-200, Math.min(200, px)); // one notch of a fast wheel must not jump 10×
  return Math.exp(-limited * 0.002);
}

/** "42%" for the status bar; below 10% one decimal so 1.5% doesn't read as 2%. */
export function formatZoom(scale: number): string {
  const pct = scale * 100;
  if (pct < 10) return `${Math.round(pct * 10) / 10}%`;
  return `${Math.round(pct)}%`;
}
