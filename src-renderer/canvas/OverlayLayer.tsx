// Runs in: renderer. Document chrome above the pixels: the canvas border and the active layer's bounds.
// Later issues draw masks, points and boxes here. Strokes keep one screen pixel at every zoom.
import { Group, Layer, Rect } from 'react-konva';
import { useEditor } from '../core/state/editor-store';
import { SelectionOverlay } from '../selection/SelectionOverlay';
import { DetectionBoxes } from '../detect/DetectionBoxes';
import { GenerateOverlay } from '../generate/CandidateOverlay';
import { OutpaintPreview } from '../outpaint/OutpaintPreview';

export function OverlayLayer() {
  const doc = useEditor((s) => s.document);
  const activeId = useEditor((s) => s.activeLayerId);
  const v = useEditor((s) => s.viewport);
  if (!doc) return <Layer listening={false} />;
  const found = doc.layers.length > 1 ? doc.layers.find((l) => l.id === activeId) : undefined;
  const active = found?.kind === 'image' ? found : undefined;
  return (
    <Layer listening={false}>
      <Group x={v.x} y={v.y} scaleX={v.scale} scaleY={v.scale}>
        <SelectionOverlay />
        <Rect width={doc.width} height={doc.height} stroke="rgba(255,255,255,0.18)" strokeWidth={1} strokeScaleEnabled={false} />
        {active && active.visible && (
          <Rect
            x={active.x}
            y={active.y}
            width={active.width}
            height={active.height}
            stroke="#5aa9ff"
            strokeWidth={1}
            dash={[6, 4]}
            strokeScaleEnabled={false}
          />
        )}
        <DetectionBoxes />
        <GenerateOverlay />
        <OutpaintPreview />
      </Group>
    </Layer>
  );
}
