// Runs in: renderer. The text detections' numbered boxes on the canvas: a react-konva Group meant to sit
// inside the overlay layer's document-space Group (image pixels, viewport scale applied by the parent).
// Strokes and number tags keep their screen size at every zoom; unticked boxes are drawn dashed and dim.
import { Group, Label, Rect, Tag, Text } from 'react-konva';
import { useEditor } from '../core/state/editor-store';
import { useDetect } from './detect-store';
import { boxColour, boxRect } from './detect-view';

export function DetectionBoxes() {
  const run = useDetect((s) => s.run);
  const checked = useDetect((s) => s.checked);
  const open = useDetect((s) => s.open);
  const scale = useEditor((s) => s.viewport.scale);
  const onImage = useEditor((s) => !!run && !!s.document?.layers.some((l) => l.kind === 'image' && l.assetId === run.assetId));
  if (!open || !run || !onImage || run.detections.length === 0) return null;
  const inv = 1 / Math.max(scale, 1e-6);
  return (
    <Group name="detection-boxes" listening={false}>
      {run.detections.map((d) => {
        const r = boxRect(d, run.offset);
        const on = checked.has(d.index);
        const colour = boxColour(d.index);
        return (
          <Group key={d.index} name="detection-box" id={`detection-${d.index}`} opacity={on ? 1 : 0.45}>
            <Rect {...r} stroke={colour} strokeWidth={2} strokeScaleEnabled={false} dash={on ? undefined : [6 * inv, 4 * inv]} />
            <Label x={r.x} y={r.y} scaleX={inv} scaleY={inv}>
              <Tag fill={colour} cornerRadius={3} />
              <Text text={`${d.index} ${d.label}`} fontSize={12} fontStyle="bold" padding={3} fill="#111" />
            </Label>
          </Group>
        );
      })}
    </Group>
  );
}
