// Runs in: renderer. The document's pixels: one Konva.Image per image layer, bottom → top.
// [Note: canvas layers] Konva layers are split by how often they redraw: backdrop + images (viewport or
// document changes), overlay (document chrome, later masks/points), interaction (every pointer move).
// Images draw the screen-sized *proxy* stretched to the layer's full-resolution size in document
// coordinates, so every later feature can think in document pixels only. Nothing here listens to events:
// hit-testing is off, and a pan only re-blits bitmaps the browser already decoded (no node.cache(): a
// cache at full document size would cost far more memory than it saves).
import type Konva from 'konva';
import { Group, Image as KImage, Layer } from 'react-konva';
import type { ImageLayer } from '../../src-shared/document/types';
import { useEditor } from '../core/state/editor-store';
import { stageRefs } from '../core/viewport/stage-refs';
import { useProxyImage } from '../core/images/use-proxy-image';

function LayerImage({ layer }: { layer: ImageLayer }) {
  const url = useEditor((s) => s.assets[layer.assetId]?.url);
  const image = useProxyImage(url);
  if (!image) return null;
  return (
    <KImage
      id={layer.id}
      name="document-image"
      image={image}
      x={layer.x}
      y={layer.y}
      width={layer.width}
      height={layer.height}
      opacity={layer.opacity}
      visible={layer.visible}
      listening={false}
      perfectDrawEnabled={false}
    />
  );
}

export function ImageLayerView() {
  const layers = useEditor((s) => s.document?.layers);
  const v = useEditor((s) => s.viewport);
  const bind = (node: Konva.Layer | null) => {
    stageRefs.imageLayer = node;
  };
  return (
    // Past 200% users look at pixels: show them square instead of smeared.
    <Layer ref={bind} listening={false} imageSmoothingEnabled={v.scale < 2}>
      <Group x={v.x} y={v.y} scaleX={v.scale} scaleY={v.scale}>
        {layers?.map((l) => (l.kind === 'image' ? <LayerImage key={l.id} layer={l} /> : null))}
      </Group>
    </Layer>
  );
}
