// Runs in: renderer. One live brush stroke: points accumulate here (never in React state), each pointer
// move paints only its dirty rect of a preview-size mask and canvas, and Konva redraws on the next frame.
// Pointer-up commits the stroke (image pixels) to the selection's `strokes`: one undo step.
import type { AssetId, LayerId } from '../../src-shared/document/ids';
import type { BrushStroke, SelectionLayer } from '../../src-shared/document/selection';
import { cloneMask, createMask, strokeBrush, type Mask, type Point } from '../../src-shared/masks';
import { getState } from '../core/state/editor-store';
import { maskCanvas, repaintRect } from './colourize';
import { imageLayerOf } from '../core/viewport/geometry';
import { overlayRefs, shownMasks } from '../core/viewport/overlay-registry';
import { nextSelectionColour } from './palette';
import { imageSizeOf, previewSize, seedPreview } from './preview-mask';
import { createSelection, findSelection, updateSelection } from './selection-actions';
import { getSelectionUi, setSelectionUi } from './selection-store';
import { decimate } from './stroke-points';

export interface LiveStroke {
  readonly layerId: LayerId | null;
  readonly assetId: AssetId;
  readonly colour: string;
  readonly mask: Mask;
  readonly canvas: HTMLCanvasElement;
  /** Preview pixels per image pixel. */
  readonly scale: number;
  /** Image offset in the document and image size. */
  readonly frame: { x: number; y: number; width: number; height: number };
  readonly points: Point[];
  readonly mode: 'add' | 'erase';
  readonly radius: number;
  readonly hardness: number;
}

let live: LiveStroke | null = null;
/** The last stroke's canvas stays on screen until the committed mask replaces it (stroking → null). */
let display: LiveStroke | null = null;
export const liveStroke = (): LiveStroke | null => live;
export const displayedStroke = (): LiveStroke | null => (getSelectionUi().stroking ? display : null);

/** Begin a stroke at image point `p` on `layer` (null: a new brush-only selection on `assetId`). */
export function beginStroke(layer: SelectionLayer | null, assetId: AssetId, p: Point, mode: 'add' | 'erase'): boolean {
  const doc = getState().document;
  const img = imageLayerOf(doc, assetId);
  if (!doc || !img) return false;
  if (!layer && mode === 'erase') return false;
  const size = layer ? imageSizeOf(layer) : { width: img.width, height: img.height };
  const pv = previewSize(size.width, size.height);
  const shown = layer ? shownMasks.get(layer.id) : undefined;
  const mask =
    shown && shown.mask.width === pv.width && shown.mask.height === pv.height ? cloneMask(shown.mask) : createMask(pv.width, pv.height);
  const colour = layer?.colour ?? nextSelectionColour(doc.layers);
  const { brush } = getSelectionUi();
  live = {
    layerId: layer?.id ?? null,
    assetId,
    colour,
    mask,
    canvas: maskCanvas(mask, colour),
    scale: pv.width / size.width,
    frame: { x: img.x, y: img.y, width: size.width, height: size.height },
    points: [],
    mode,
    radius: brush.radius,
    hardness: brush.hardness,
  };
  display = live;
  setSelectionUi({ stroking: layer?.id ?? 'new' });
  extendStroke(p);
  return true;
}

/** Add a pointer position (image pixels): paints the new segment's dirty rect only. */
export function extendStroke(p: Point): void {
  if (!live) return;
  const prev = live.points[live.points.length - 1];
  live.points.push(p);
  const s = live.scale;
  const seg = prev
    ? [
        { x: prev.x * s, y: prev.y * s },
        { x: p.x * s, y: p.y * s },
      ]
    : [{ x: p.x * s, y: p.y * s }];
  const rect = strokeBrush(live.mask, seg, { radius: Math.max(0.5, live.radius * s), hardness: live.hardness, mode: live.mode });
  if (rect) repaintRect(live.canvas, live.mask, live.colour, rect);
  overlayRefs.interaction?.batchDraw();
}

/** Pointer-up: the stroke becomes one undo step on the selection (or creates a brush-only one). */
export function commitStroke(): LayerId | null {
  const s = live;
  live = null;
  if (!s || s.points.length === 0) {
    setSelectionUi({ stroking: null });
    return null;
  }
  const stroke: BrushStroke = {
    mode: s.mode,
    radius: s.radius,
    hardness: s.hardness,
    points: decimate(s.points, Math.max(0.5, s.radius / 8)),
  };
  let id = s.layerId;
  if (id && findSelection(id)) {
    updateSelection(id, (d) => void d.strokes.push(stroke), s.mode === 'add' ? 'Brush stroke' : 'Erase stroke');
  } else {
    id = createSelection({ assetId: s.assetId, prompt: { points: [] }, sam: null, strokes: [stroke] }, 'Brush stroke');
  }
  const layer = findSelection(id);
  // Replay would give this very mask (same strokes, no ops after them): show it without recomputing.
  if (layer && layer.ops.length === 0) seedPreview(layer, s.mask);
  if (!layer || !layer.visible) setSelectionUi({ stroking: null });
  else setSelectionUi({ stroking: id });
  return id;
}

export function cancelStroke(): void {
  live = null;
  setSelectionUi({ stroking: null });
  overlayRefs.interaction?.batchDraw();
}
