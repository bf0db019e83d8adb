// Runs in: renderer. The selection brush: add (default) or erase (Alt, or the mode toggle) on the open
// selection; with none open an add stroke starts a brush-only selection. idle → painting → idle. No model
// call while stroking; the stroke is one undo step on pointer-up (selection/brush-session.ts).
import type { AssetId } from '../../src-shared/document/ids';
import { screenToImage, type Point } from '../core/viewport/viewport';
import { beginStroke, cancelStroke, commitStroke, extendStroke, liveStroke } from './brush-session';
import { imageAt, imageLayerOf } from '../core/viewport/geometry';
import { getActiveSelection } from './selection-actions';
import { getSelectionUi, setSelectionUi } from './selection-store';
import { getState } from '../core/state/editor-store';
import { resizeBrushByWheel } from './tool-actions';
import { defineTool, type Tool, type ToolContext } from '../core/tools/tool';

export function createBrushTool(): Tool {
  const toDoc = (ctx: ToolContext, p: Point) => screenToImage(ctx.getViewport(), p);
  const toImage = (d: Point): Point => {
    const s = liveStroke();
    return s ? { x: d.x - s.frame.x, y: d.y - s.frame.y } : d;
  };
  return defineTool(
    'brush',
    'idle',
    {
      idle: {
        cursor: 'crosshair',
        onPointerDown(ctx, e) {
          const d = toDoc(ctx, e.point);
          const doc = getState().document;
          const layer = getActiveSelection();
          const img = layer ? imageLayerOf(doc, layer.assetId as AssetId) : imageAt(doc, d);
          if (!img) return;
          const mode = e.altKey ? (getSelectionUi().brush.mode === 'add' ? 'erase' : 'add') : getSelectionUi().brush.mode;
          if (!beginStroke(layer, img.assetId as AssetId, { x: d.x - img.x, y: d.y - img.y }, mode)) return;
          setSelectionUi({ cursor: d });
          return 'painting';
        },
      },
      painting: {
        cursor: 'crosshair',
        onPointerMove(ctx, e) {
          const d = toDoc(ctx, e.point);
          extendStroke(toImage(d));
          setSelectionUi({ cursor: d });
        },
        onPointerUp() {
          commitStroke();
          return 'idle';
        },
        onCancel() {
          cancelStroke();
          return 'idle';
        },
      },
    },
    {
      hover(ctx, e) {
        setSelectionUi({ cursor: toDoc(ctx, e.point) });
      },
      leave() {
        setSelectionUi({ cursor: null });
      },
      wheel(e) {
        if (!e.ctrlKey && !e.metaKey) return false;
        resizeBrushByWheel(e.deltaY);
        return true;
      },
    },
  );
}
