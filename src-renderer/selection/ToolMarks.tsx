// Runs in: renderer. The selection tools' marks in the canvas's fast-redraw layer (document coordinates):
// the select tool's rubber band, the brush outline and the live brush stroke. Only that layer redraws on
// pointer moves.
import { Circle, Image as KonvaImage, Rect } from 'react-konva';
import { displayedStroke } from './brush-session';
import { useSelectionUi } from './selection-store';
import { useEditor } from '../core/state/editor-store';

export function ToolMarks() {
  const tool = useEditor((s) => s.activeTool);
  const band = useSelectionUi((s) => s.band);
  const cursor = useSelectionUi((s) => s.cursor);
  const radius = useSelectionUi((s) => s.brush.radius);
  const erase = useSelectionUi((s) => s.brush.mode === 'erase');
  useSelectionUi((s) => s.stroking);
  const stroke = displayedStroke();
  return (
    <>
      {stroke && (
        <KonvaImage
          name="live-stroke"
          image={stroke.canvas}
          x={stroke.frame.x}
          y={stroke.frame.y}
          width={stroke.frame.width}
          height={stroke.frame.height}
          imageSmoothingEnabled={false}
          perfectDrawEnabled={false}
        />
      )}
      {band && (
        <Rect
          name="rubber-band"
          x={Math.min(band.x0, band.x1)}
          y={Math.min(band.y0, band.y1)}
          width={Math.abs(band.x1 - band.x0)}
          height={Math.abs(band.y1 - band.y0)}
          stroke="#fff"
          strokeWidth={1}
          dash={[5, 4]}
          fill="rgba(90,169,255,0.12)"
          strokeScaleEnabled={false}
        />
      )}
      {tool === 'brush' && cursor && (
        <>
          <Circle x={cursor.x} y={cursor.y} radius={radius} stroke="rgba(0,0,0,0.7)" strokeWidth={3} strokeScaleEnabled={false} />
          <Circle
            x={cursor.x}
            y={cursor.y}
            radius={radius}
            stroke={erase ? '#ff8a8a' : '#fff'}
            strokeWidth={1}
            dash={erase ? [4, 3] : undefined}
            strokeScaleEnabled={false}
          />
        </>
      )}
    </>
  );
}
