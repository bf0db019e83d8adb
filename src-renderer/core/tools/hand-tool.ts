// Runs in: renderer. The hand: drag to pan. idle → panning → idle. Also borrowed by every other tool
// for space-drag and middle-button drag (see tool-manager.ts).
import { pan, type Point, type Viewport } from '../viewport/viewport';
import { defineTool, type Tool } from './tool';

export function createHandTool(): Tool {
  let origin: Point = { x: 0, y: 0 };
  let start: Viewport | null = null;
  return defineTool('hand', 'idle', {
    idle: {
      cursor: 'grab',
      onPointerDown(ctx, e) {
        origin = e.point;
        start = ctx.getViewport();
        return 'panning';
      },
    },
    panning: {
      cursor: 'grabbing',
      onPointerMove(ctx, e) {
        // Relative to where the drag began, so rounding never accumulates.
        if (start) ctx.setViewport(pan(start, e.point.x - origin.x, e.point.y - origin.y));
      },
      onPointerUp() {
        start = null;
        return 'idle';
      },
      onCancel(ctx) {
        if (start) ctx.setViewport(start);
        start = null;
        return 'idle';
      },
    },
  });
}
