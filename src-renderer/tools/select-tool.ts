// Runs in: renderer. The select tool: click = include point, Alt/Shift/right-click = exclude point, drag =
// box (rubber band in the interaction layer). idle → pressing → (boxing) → idle. Each gesture is one
// segment.run; the answer is one undo step (selection/segment-runner.ts).
import type { AssetId } from '../../src-shared/document/ids';
import { screenToImage, type Point } from '../canvas/viewport';
import { imageAt, imageLayerOf } from '../selection/geometry';
import { clipBox, isDrag } from '../selection/prompt';
import { addPoint, prefetchClick, setBox } from '../selection/segment-runner';
import { clearHover, hoverAt, stopHover } from '../hover/hover-runner';
import { getActiveSelection } from '../selection/selection-actions';
import { setSelectionUi } from '../selection/selection-store';
import { getState } from '../state/editor-store';
import { showError } from '../state/messages';
import type { PromptPoint } from '../selection/types';
import { defineTool, type Tool, type ToolContext } from './tool';

/** The image a prompt at document point `p` is for: the open selection's, else the one under it. */
function targetImage(p: Point) {
  const doc = getState().document;
  const active = getActiveSelection();
  return active ? imageLayerOf(doc, active.assetId as AssetId) : imageAt(doc, p);
}

/** The prompt point for document point `d` on `img` (image pixels, 0.1 px steps); null outside it. */
function pointOn(img: ReturnType<typeof targetImage>, d: Point, exclude: boolean): PromptPoint | null {
  const x = d.x - (img?.x ?? 0);
  const y = d.y - (img?.y ?? 0);
  if (!img || x < 0 || y < 0 || x >= img.width || y >= img.height) return null;
  return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, label: exclude ? 0 : 1 };
}

export function createSelectTool(): Tool {
  let start: Point = { x: 0, y: 0 };
  let startDoc: Point = { x: 0, y: 0 };
  let exclude = false;
  const toDoc = (ctx: ToolContext, p: Point) => screenToImage(ctx.getViewport(), p);
  return defineTool(
    'select',
    'idle',
    {
      idle: {
        cursor: 'crosshair',
        onPointerDown(ctx, e) {
          stopHover(); // a click or a box now: later preview answers would be stale
          start = e.point;
          startDoc = toDoc(ctx, e.point);
          exclude = e.button === 2 || !!e.altKey || e.shiftKey;
          // Most presses are clicks: decode while the button is down; the release commits that answer.
          const img = targetImage(startDoc);
          const p = pointOn(img, startDoc, exclude);
          if (img && p) prefetchClick(img.assetId as AssetId, p);
          return 'pressing';
        },
      },
      pressing: {
        cursor: 'crosshair',
        onPointerMove(ctx, e) {
          if (e.button === 2 || exclude || !isDrag(start, e.point)) return;
          const p = toDoc(ctx, e.point);
          clearHover(); // a box, not the click the preview showed
          setSelectionUi({ band: { x0: startDoc.x, y0: startDoc.y, x1: p.x, y1: p.y } });
          return 'boxing';
        },
        onPointerUp() {
          const img = targetImage(startDoc);
          const p = pointOn(img, startDoc, exclude);
          if (!img || !p) {
            clearHover();
            showError('That click is outside the image.');
            return 'idle';
          }
          addPoint(img.assetId as AssetId, p);
          return 'idle';
        },
        onCancel() {
          clearHover();
          return 'idle';
        },
      },
      boxing: {
        cursor: 'crosshair',
        onPointerMove(ctx, e) {
          const p = toDoc(ctx, e.point);
          setSelectionUi({ band: { x0: startDoc.x, y0: startDoc.y, x1: p.x, y1: p.y } });
        },
        onPointerUp(ctx, e) {
          setSelectionUi({ band: null });
          const end = toDoc(ctx, e.point);
          const img = targetImage({ x: (startDoc.x + end.x) / 2, y: (startDoc.y + end.y) / 2 }) ?? targetImage(startDoc);
          if (!img) {
            showError('That box is outside the image.');
            return 'idle';
          }
          const box = clipBox({ x0: startDoc.x - img.x, y0: startDoc.y - img.y, x1: end.x - img.x, y1: end.y - img.y }, img.width, img.height);
          if (!box) {
            showError('That box is too small or outside the image; drag a larger one.');
            return 'idle';
          }
          setBox(img.assetId as AssetId, box);
          return 'idle';
        },
        onCancel() {
          setSelectionUi({ band: null });
          return 'idle';
        },
      },
    },
    {
      rightButton: true,
      // Idle moves: the mask a click here would give (hover/hover-runner.ts).
      hover(ctx, e) {
        const d = toDoc(ctx, e.point);
        const img = targetImage(d);
        const p = pointOn(img, d, e.button === 2 || !!e.altKey || e.shiftKey);
        if (img && p) hoverAt(img.assetId as AssetId, p);
        else clearHover();
      },
      leave: clearHover,
    },
  );
}
