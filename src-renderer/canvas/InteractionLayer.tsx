// Runs in: renderer. The fast-redraw layer: what the tools draw while a pointer moves (the shell passes it
// in: the select tool's rubber band, the brush outline and stroke). Only this layer redraws on moves.
import type Konva from 'konva';
import type { ReactNode } from 'react';
import { Group, Layer } from 'react-konva';
import { overlayRefs } from '../core/viewport/overlay-registry';
import { useEditor } from '../core/state/editor-store';

export function InteractionLayer({ children }: { children?: ReactNode }) {
  const v = useEditor((s) => s.viewport);
  const hasDoc = useEditor((s) => s.document !== null);
  const bind = (l: Konva.Layer | null) => {
    overlayRefs.interaction = l;
  };
  return (
    <Layer listening={false} ref={bind}>
      {hasDoc && (
        <Group x={v.x} y={v.y} scaleX={v.scale} scaleY={v.scale}>
          {children}
        </Group>
      )}
    </Layer>
  );
}
