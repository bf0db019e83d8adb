// Runs in: renderer. The select tool, with every selection tool's modifiers (modifiers.ts): a click = a new
// selection, Shift+click = an include point added to the open one, Alt/right-click = an exclude point; a
// drag = a box (Shift+drag: the open selection's box), drawn as a rubber band in the interaction layer.
// idle → pressing → (boxing) → idle. Each gesture is one segment.run; the answer is one undo step.
// What it talks to comes in its context (SelectToolContext): the document's segment session and the hover
// preview, so a unit test drives it with its own (test/unit/renderer/select-tool.dom.test.ts).
import type { AssetId } from '../../src-shared/document/ids';
import { screenToImage, type Point } from '../core/viewport/viewport';
import { imageAt, imageLayerOf } from '../core/viewport/geometry';
import { clipBox, getActiveSelection, isDrag, setSelectionUi } from '../selection/api';
import type { PromptBox, PromptPoint, SegmentRunRequest } from '../core/bridge/segment-types';
import { getState } from '../core/state/editor-store';
import { showError } from '../core/state/messages';
import { selectModeOf, type SelectMode } from '../core/tools/modifiers';
import { defineTool, type Tool, type ToolContext } from '../core/tools/tool';

/** What the select tool asks of the document's segment session (segment-runner.ts's SegmentSession). */
export interface SelectSession {
  prefetchClick(assetId: AssetId, at: Omit<PromptPoint, 'label'>, mode: SelectMode): void;
  addPoint(assetId: AssetId, at: Omit<PromptPoint, 'label'>, mode: SelectMode): void;
  setBox(assetId: AssetId, box: PromptBox, mode: SelectMode): void;
  clickRequest(assetId: AssetId, at: Omit<PromptPoint, 'label'>, mode: SelectMode): SegmentRunRequest | null;
}

/** The hover preview (hover/hover-runner.ts): show what `req` would select, drop answers, or hide it. */
export interface HoverPreview {
  at(req: SegmentRunRequest): void;
  stop(): void;
  clear(): void;
}

/** The select tool's context: the current document's session (a new one per document) and the preview. */
export interface SelectToolContext {
  session(): SelectSession;
  readonly hover: HoverPreview;
}

/** The image a prompt at document point `p` is for: the open selection's when refining it, else the one under it. */
function targetImage(p: Point, mode: SelectMode) {
  const doc = getState().document;
  const active = mode === 'new' ? null : getActiveSelection();
  return active ? imageLayerOf(doc, active.assetId as AssetId) : imageAt(doc, p);
}

/** The prompt position for document point `d` on `img` (image pixels, 0.1 px steps); null outside it. */
function pointOn(img: ReturnType<typeof targetImage>, d: Point): Omit<PromptPoint, 'label'> | null {
  const x = d.x - (img?.x ?? 0);
  const y = d.y - (img?.y ?? 0);
  if (!img || x < 0 || y < 0 || x >= img.width || y >= img.height) return null;
  return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
}

export function createSelectTool({ session, hover: preview }: SelectToolContext): Tool {
  let start: Point = { x: 0, y: 0 };
  let startDoc: Point = { x: 0, y: 0 };
  let mode: SelectMode = 'new';
  const toDoc = (ctx: ToolContext, p: Point) => screenToImage(ctx.getViewport(), p);
  return defineTool(
    'select',
    'idle',
    {
      idle: {
        cursor: 'crosshair',
        onPointerDown(ctx, e) {
          preview.stop(); // a click or a box now: later preview answers would be stale
          start = e.point;
          startDoc = toDoc(ctx, e.point);
          mode = selectModeOf(e);
          // Most presses are clicks: decode while the button is down; the release commits that answer.
          const img = targetImage(startDoc, mode);
          const p = pointOn(img, startDoc);
          if (img && p) session().prefetchClick(img.assetId as AssetId, p, mode);
          return 'pressing';
        },
      },
      pressing: {
        cursor: 'crosshair',
        onPointerMove(ctx, e) {
          if (mode === 'subtract' || !isDrag(start, e.point)) return;
          const p = toDoc(ctx, e.point);
          preview.clear(); // a box, not the click the preview showed
          setSelectionUi({ band: { x0: startDoc.x, y0: startDoc.y, x1: p.x, y1: p.y } });
          return 'boxing';
        },
        onPointerUp() {
          const img = targetImage(startDoc, mode);
          const p = pointOn(img, startDoc);
          if (!img || !p) {
            preview.clear();
            showError('That click is outside the image.');
            return 'idle';
          }
          session().addPoint(img.assetId as AssetId, p, mode);
          return 'idle';
        },
        onCancel() {
          preview.clear();
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
          const img = targetImage({ x: (startDoc.x + end.x) / 2, y: (startDoc.y + end.y) / 2 }, mode) ?? targetImage(startDoc, mode);
          if (!img) {
            showError('That box is outside the image.');
            return 'idle';
          }
          const box = clipBox(
            { x0: startDoc.x - img.x, y0: startDoc.y - img.y, x1: end.x - img.x, y1: end.y - img.y },
            img.width,
            img.height,
          );
          if (!box) {
            showError('That box is too small or outside the image; drag a larger one.');
            return 'idle';
          }
          session().setBox(img.assetId as AssetId, box, mode);
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
        const hoverMode = selectModeOf(e);
        const img = targetImage(d, hoverMode);
        const p = pointOn(img, d);
        const req = img && p ? session().clickRequest(img.assetId as AssetId, p, hoverMode) : null;
        if (req) preview.at(req);
        else preview.clear();
      },
      leave: () => preview.clear(),
    },
  );
}
