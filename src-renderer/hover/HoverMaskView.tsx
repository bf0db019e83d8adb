// Runs in: renderer. The hover preview on the canvas (document coordinates, inside the selections group):
// the mask a click would give, white and faint, under the committed selections' colours and points.
import { Image as KonvaImage } from 'react-konva';
import { imageLayerOf } from '../core/viewport/geometry';
import { useEditor } from '../core/state/editor-store';
import { useHover } from './hover-store';

/** Faint enough to read as "would be", never as a selection (those are opaque-outlined colours). */
const HOVER_OPACITY = 0.55;

export function HoverMaskView() {
  const shown = useHover((s) => s.shown);
  const tool = useEditor((s) => s.activeTool);
  const frame = useEditor((s) => (shown ? imageLayerOf(s.document, shown.assetId) : undefined));
  if (!shown || tool !== 'select' || !frame) return null;
  const { rect, scale } = shown;
  return (
    <KonvaImage
      name="hover-mask"
      image={shown.canvas}
      x={frame.x + rect.x / scale}
      y={frame.y + rect.y / scale}
      width={rect.width / scale}
      height={rect.height / scale}
      crop={{ x: 0, y: 0, width: rect.width, height: rect.height }}
      opacity={HOVER_OPACITY}
      imageSmoothingEnabled={false}
      perfectDrawEnabled={false}
      listening={false}
    />
  );
}
