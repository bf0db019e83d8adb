// Runs in: renderer. The magic wand: click = a new selection of the connected similar colours,
// Shift+click = add to the open selection, Alt+click or right-click = subtract from it. idle → pressing → idle.
import type { AssetId } from '../../src-shared/document/ids';
import { screenToImage, type Point } from '../canvas/viewport';
import { imageAt, imageLayerOf } from '../selection/geometry';
import { getActiveSelection } from '../selection/selection-actions';
import { wandClick, type WandMode } from '../selection/wand-actions';
import { getState } from '../state/editor-store';
import { showError } from '../state/messages';
import { selectModeOf } from './modifiers';
import { defineTool, type Tool } from './tool';

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
