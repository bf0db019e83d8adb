// Runs in: renderer. Viewport changes: zoom commands, wheel, pan, window resize. Never recorded in history.
import {
  FIT_BOTTOM_DOCK,
  FIT_MARGIN,
  centerAt,
  fitViewport,
  nextZoomStep,
  zoomAbout,
  type Point,
  type Size,
  type Viewport,
} from '../viewport/viewport';
import { getState, setState, type ToolId } from './editor-store';

/** Fit leaves the bottom dock's band clear (the floating bars there never cover a fitted image). */
const fitted = (image: Size, view: Size): Viewport => fitViewport(image, view, FIT_MARGIN, 1, FIT_BOTTOM_DOCK);

const center = (): Point => {
  const { width, height } = getState().stageSize;
  return { x: width / 2, y: height / 2 };
};

/** A view change made by the user: from now on a window resize keeps it. */
export function setUserViewport(viewport: Viewport): void {
  setState({ viewport, userZoomed: true });
}

export function zoomToFit(): void {
  const { document, stageSize } = getState();
  if (!document) return;
  setState({ viewport: fitted(document, stageSize), userZoomed: false });
}

/**
 * Show a document rectangle whole (a preview that reaches past the canvas), as Zoom to Fit would show a
 * document of its size; the view still counts as fitted, so zoomToFit or a resize puts the document back.
 */
export function fitRectInView(rect: { x: number; y: number; width: number; height: number }): void {
  const { stageSize, userZoomed } = getState();
  if (userZoomed) return;
  const v = fitted(rect, stageSize);
  setState({ viewport: { scale: v.scale, x: v.x - rect.x * v.scale, y: v.y - rect.y * v.scale } });
}

export function zoomTo100(): void {
  const { document, stageSize, viewport } = getState();
  if (!document) return;
  // Keep the picture where it is when it overflows the view; centre it when it fits.
  const fits = document.width <= stageSize.width && document.height <= stageSize.height;
  setUserViewport(fits ? centerAt(document, stageSize, 1) : zoomAbout(viewport, center(), 1));
}

export function zoomStep(dir: 1 | -1, at: Point = center()): void {
  const { document, viewport } = getState();
  if (!document) return;
  setUserViewport(zoomAbout(viewport, at, nextZoomStep(viewport.scale, dir)));
}

/** The canvas area changed size: refit unless the user has chosen a view. */
export function setStageSize(size: Size): void {
  const { stageSize, userZoomed, document } = getState();
  if (size.width === stageSize.width && size.height === stageSize.height) return;
  setState({ stageSize: size });
  if (document && !userZoomed) setState({ viewport: fitted(document, size) });
}

/** Choose a tool (view state: never in history). What a tool needs when chosen, its feature's command does. */
export function setTool(id: ToolId): void {
  if (getState().activeTool !== id) setState({ activeTool: id, toolPath: `${id}.idle` });
}
