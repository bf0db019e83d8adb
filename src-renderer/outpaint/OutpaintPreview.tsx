// Runs in: renderer. While Extend Canvas is open: the canvas it would make, outlined on the canvas
// (document coordinates, around the photo) and labelled with its size, so the choice is seen first; a
// fitted view zooms out to show all of it meanwhile.
import { useEffect } from 'react';
import { Group, Label, Rect, Tag, Text } from 'react-konva';
import { useEditor } from '../core/state/editor-store';
import { fitRectInView, zoomToFit } from '../core/state/view-actions';
import { outpaintPhoto } from './outpaint-actions';
import { extensionFor, useOutpaint } from './outpaint-store';

const COLOUR = '#5aa9ff';

export function OutpaintPreview() {
  const open = useOutpaint((s) => s.open);
  const o = useOutpaint();
  const scale = useEditor((s) => s.viewport.scale);
  useEditor((s) => s.document);
  const photo = open ? outpaintPhoto() : null;
  const ext = photo ? extensionFor(o, photo) : null;
  const box =
    photo && ext
      ? {
          x: photo.x - ext.left,
          y: photo.y - ext.top,
          width: photo.width + ext.left + ext.right,
          height: photo.height + ext.top + ext.bottom,
        }
      : null;
  const key = box ? `${box.x},${box.y},${box.width},${box.height}` : '';
  // A fitted view follows the preview so all of it shows, and goes back to the document when it closes.
  useEffect(() => {
    if (!box) return;
    fitRectInView(box);
    return () => {
      if (!useEditor.getState().userZoomed) zoomToFit();
    };
  }, [key]);
  if (!box) return null;
  const { width, height } = box;
  return (
    <Group x={box.x} y={box.y} id="outpaint-preview" listening={false}>
      <Rect
        id="outpaint-preview-rect"
        width={width}
        height={height}
        fill="rgba(90, 169, 255, 0.12)"
        stroke={COLOUR}
        strokeWidth={2}
        dash={[10, 6]}
        strokeScaleEnabled={false}
      />
      <Label x={4 / scale} y={4 / scale} scaleX={1 / scale} scaleY={1 / scale}>
        <Tag fill="rgba(16, 17, 21, 0.8)" cornerRadius={3} />
        <Text text={`${width} × ${height}`} fontSize={12} padding={3} fill="#fff" />
      </Label>
    </Group>
  );
}
