// Runs in: renderer. Under the images: a checkerboard where the document is transparent.
// Drawn in screen coordinates so the squares stay the same size at every zoom. A separate Konva layer so
// the image layer's canvas holds the document's pixels only (tests sample it).
import { Layer, Rect } from 'react-konva';
import { useEditor } from '../core/state/editor-store';

let checker: HTMLCanvasElement | null = null;
function checkerboard(): HTMLCanvasElement {
  if (checker) return checker;
  const c = document.createElement('canvas');
  c.width = c.height = 16;
  const g = c.getContext('2d')!;
  g.fillStyle = '#44454c';
  g.fillRect(0, 0, 16, 16);
  g.fillStyle = '#393a40';
  g.fillRect(0, 0, 8, 8);
  g.fillRect(8, 8, 8, 8);
  return (checker = c);
}

export function BackdropLayer() {
  const doc = useEditor((s) => s.document);
  const v = useEditor((s) => s.viewport);
  if (!doc) return <Layer listening={false} />;
  return (
    <Layer listening={false}>
      <Rect
        x={v.x}
        y={v.y}
        width={doc.width * v.scale}
        height={doc.height * v.scale}
        // Konva's types say HTMLImageElement; the 2D canvas API accepts a canvas as a pattern source.
        fillPatternImage={checkerboard() as unknown as HTMLImageElement}
        shadowColor="#000"
        shadowBlur={24}
        shadowOpacity={0.45}
        perfectDrawEnabled={false}
      />
    </Layer>
  );
}
