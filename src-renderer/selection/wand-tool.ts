// Runs in: renderer. The magic wand: click = a new selection of the connected similar colours,
// Shift+click = add to the open selection, Alt+click or right-click = subtract from it. idle → pressing → idle.
import type { AssetId } from '../../src-shared/document/ids';
import { screenToImage, type Point } from '../core/viewport/viewport';
import { imageAt, imageLayerOf } from '../core/viewport/geometry';
import { getActiveSelection } from './selection-actions';
import { wandClick, type WandMode } from './wand-actions';
import { getState } from '../core/state/editor-store';
import { showError } from '../core/state/messages';
import { selectModeOf } from '../core/tools/modifiers';
import { defineTool, type Tool } from '../core/tools/tool';

export function createWandTool(): Tool {
  let at: Point = { x: 0, y: 0 };
  let mode: WandMode = 'new';
  return defineTool(
    'wand',
    'idle',
    {
      idle: {
        cursor: 'crosshair',
        onPointerDown(ctx, e) {
          at = screenToImage(ctx.getViewport(), e.point);
          mode = selectModeOf(e);
          return 'pressing';
        },
      },
      pressing: {
        cursor: 'crosshair',
        onPointerUp() {
          const doc = getState().document;
          const open = getActiveSelection();
          // Adding to or subtracting from the open selection targets its image; a new one, the image under the click.
          const img = mode !== 'new' && open ? imageLayerOf(doc, open.assetId as AssetId) : imageAt(doc, at);
          const x = at.x - (img?.x ?? 0);
          const y = at.y - (img?.y ?? 0);
          if (!img || x < 0 || y < 0 || x >= img.width || y >= img.height) {
            showError('That click is outside the image.');
            return 'idle';
          }
          wandClick(img.assetId as AssetId, { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 }, mode);
          return 'idle';
        },
        onCancel() {
          return 'idle';
        },
      },
    },
    { rightButton: true },
  );
}
