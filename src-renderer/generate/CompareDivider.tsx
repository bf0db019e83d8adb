// Runs in: renderer. The before/after divider's handle over the canvas: an HTML element (not a Konva
// node) so dragging it never reaches the canvas tools. Left of the divider the original, right the
// candidate; the line itself is drawn by CandidateOverlay.
import { imageToScreen, screenToImage } from '../core/viewport/viewport';
import { stageRefs } from '../core/viewport/stage-refs';
import { findSelection } from '../selection/api';
import { imageLayerOf } from '../core/viewport/geometry';
import { getState, useEditor } from '../core/state/editor-store';
import { dividerX, splitAt } from './compare-geometry';
import { useGenerate } from './generate-store';
import { setSplit } from './results-actions';

export function CompareDivider() {
  const results = useGenerate((s) => s.results);
  const split = useGenerate((s) => s.split);
  const v = useEditor((s) => s.viewport);
  const frame = useEditor((s) => {
    const sel = results ? findSelection(results.selectionId) : null;
    return sel ? imageLayerOf(s.document, sel.assetId) : null;
  });
  if (!results || !frame) return null;
  const crop = results.cropRect;
  const top = imageToScreen(v, { x: frame.x + dividerX(crop, split), y: frame.y + crop.y });
  const height = crop.height * v.scale;
  const move = (e: React.PointerEvent) => {
    const box = stageRefs.container?.getBoundingClientRect();
    if (!box) return;
    const p = screenToImage(getState().viewport, { x: e.clientX - box.left, y: e.clientY - box.top });
    setSplit(splitAt(crop, p.x - frame.x));
  };
  return (
    <div
      className="compare-divider"
      data-testid="compare-divider"
      role="slider"
      aria-label="Before and after divider"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(split * 100)}
      title="Drag: left of the line the original, right the candidate"
      style={{ left: top.x - 8, top: top.y + height / 2 - 16 }}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        e.stopPropagation();
      }}
      onPointerMove={(e) => {
        if (e.currentTarget.hasPointerCapture(e.pointerId)) move(e);
      }}
    >
      ⇔
    </div>
  );
}
