// Runs in: renderer. What a wheel event does to the view, as a pure function. Plain and Ctrl/⌘ wheel
// (and trackpad pinch, which arrives as Ctrl+wheel) zoom about the cursor; Shift+wheel and a sideways
// trackpad swipe pan horizontally.
import { pan, wheelZoomFactor, zoomBy, type Point, type Viewport } from '../viewport/viewport';

export interface WheelInput {
  readonly deltaX: number;
  readonly deltaY: number;
  readonly deltaMode: number;
  readonly shiftKey: boolean;
}

const toPx = (d: number, mode: number, page: number) => (mode === 1 ? d * 16 : mode === 2 ? d * page : d);

export function viewportAfterWheel(v: Viewport, e: WheelInput, at: Point, pageHeight = 800): Viewport {
  const dx = toPx(e.deltaX, e.deltaMode, pageHeight);
  const dy = toPx(e.deltaY, e.deltaMode, pageHeight);
  if (e.shiftKey) return pan(v, -(dy || dx), 0); // some systems already turn Shift+wheel into deltaX
  if (Math.abs(dx) > Math.abs(dy)) return pan(v, -dx, 0);
  if (dy === 0) return v;
  return zoomBy(v, at, wheelZoomFactor(e.deltaY, e.deltaMode, pageHeight));
}
