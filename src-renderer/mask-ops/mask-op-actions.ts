// Runs in: renderer. Mask operations on the active selection: a live preview that never touches the
// document, and commits that are one undo step each. [Note: selection] ops replay after SAM and strokes.
import type { LayerId } from '../../src-shared/document/ids';
import type { MaskOp } from '../../src-shared/document/selection';
import { findSelection, getSelectionUi, setSelectionPreview, updateSelection } from '../selection/api';
import { canAddOp, opLabel, previewOps, RESET_LABEL } from './mask-op-view';

/** Show the layer as if `op` were applied (null: its own ops again). */
export function previewOp(layerId: LayerId, op: MaskOp | null): void {
  const layer = findSelection(layerId);
  if (!layer || !op || !canAddOp(layer.ops)) {
    clearPreview();
    return;
  }
  setSelectionPreview({ layerId, ops: previewOps(layer.ops, op) });
}

export function clearPreview(): void {
  if (getSelectionUi().preview) setSelectionPreview(null);
}

/** Apply `op` for good: one undo step named after it; the preview ends. */
export function commitOp(layerId: LayerId, op: MaskOp): void {
  clearPreview();
  const layer = findSelection(layerId);
  if (!layer || !canAddOp(layer.ops)) return;
  updateSelection(layerId, (d) => void d.ops.push(op), opLabel(op));
}

/** Drop every operation (one undo step; nothing recorded when there were none). */
export function resetOps(layerId: LayerId): void {
  clearPreview();
  const layer = findSelection(layerId);
  if (!layer || layer.ops.length === 0) return;
  updateSelection(
    layerId,
    (d) => {
      d.ops = [];
    },
    RESET_LABEL,
  );
}
