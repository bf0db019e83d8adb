// Runs in: renderer. Document chrome above the pixels: the canvas border and the active layer's bounds.
// The features' overlays (selections, detection boxes, candidates…) are passed in by the shell: the canvas
// knows none of them. Strokes keep one screen pixel at every zoom.
import type { ReactNode } from 'react';
import { Group, Layer, Rect } from 'react-konva';
import { useEditor } from '../core/state/editor-store';

/** What the shell draws in document coordinates: `under` beneath the canvas border, `over` above it. */
export interface CanvasOverlays {
  readonly under?: ReactNode;
  readonly over?: ReactNode;
  /** The fast-redraw layer's content (rubber band, brush outline, live stroke). */
  readonly interaction?: ReactNode;
}

export function OverlayLayer({ under, over }: CanvasOverlays) {
  const doc = useEditor((s) => s.document);
  const activeId = useEditor((s) => s.activeLayerId);
  const v = useEditor((s) => s.viewport);
  if (!doc) return <Layer listening={false} />;
  const found = doc.layers.length > 1 ? doc.layers.find((l) => l.id === activeId) : undefined;
  const active = found?.kind === 'image' ? found : undefined;
  return (
    <Layer listening={false}>
      <Group x={v.x} y={v.y} scaleX={v.scale} scaleY={v.scale}>
        {under}
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
        {over}
      </Group>
    </Layer>
  );
}
