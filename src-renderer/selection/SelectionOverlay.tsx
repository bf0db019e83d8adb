// Runs in: renderer. Selections on the canvas (inside the overlay Konva layer, document coordinates):
// each visible selection's preview mask in its colour, and the open selection's points (green +,
// red −) and box. Masks are computed at preview size off the React render (previewMask is cached).
import type Konva from 'konva';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Group, Image as KonvaImage, Line, Rect } from 'react-konva';
import type { SelectionLayer } from '../../src-shared/document/selection';
import type { Mask } from '../../src-shared/masks';
import { maskBoundsCanvas } from './colourize';
import { spareCanvas } from '../core/viewport/overlay-canvases';
import { imageLayerOf } from '../core/viewport/geometry';
import { shownMasks } from '../core/viewport/overlay-registry';
import { imageSizeOf, previewMask, previewMaskNow, previewSize } from './preview-mask';
import { refineSize } from './preview-logic';
import { getSelectionUi, setSelectionUi, useSelectionUi } from './selection-store';
import { useEditor } from '../core/state/editor-store';
import type { ReactNode } from 'react';
import type { LayerId } from '../../src-shared/document/ids';

interface Shown {
  /** The coloured mask's bounding box only (null: an empty mask, nothing to draw). */
  canvas: HTMLCanvasElement | null;
  /** That box in preview pixels, and preview pixels per image pixel. */
  rect: { x: number; y: number; width: number; height: number };
  scale: number;
}

// Memoised by its layer object: a click on one selection leaves the others' views alone.
const SelectionMaskView = memo(function SelectionMaskView({ layer }: { layer: SelectionLayer }) {
  const preview = useSelectionUi((s) => (s.preview?.layerId === layer.id ? s.preview.ops : undefined));
  const stroking = useSelectionUi((s) => s.stroking === layer.id);
  const frame = useEditor((s) => imageLayerOf(s.document, layer.assetId));
  const [shown, setShown] = useState<Shown | null>(null);
  const node = useRef<Konva.Image | null>(null);
  // Two canvases taking turns (spares made in idle time): the one on screen is never redrawn under Konva.
  const canvases = useRef<{ pair: HTMLCanvasElement[]; next: number }>({ pair: [], next: 0 });
  const size = imageSizeOf(layer);
  // While refining, finer than the usual preview when the zoom shows more (one image pixel visible).
  const zoom = useEditor((s) => (preview ? s.viewport.scale * (globalThis.devicePixelRatio || 1) : 0));
  const fine = preview ? refineSize(size.width, size.height, zoom) : null;
  // A layout effect: when the mask can be had at once (the runner decodes a reply's logits before it
  // commits), it is on the canvas in the same frame as the change that asked for it.
  useLayoutEffect(() => {
    let alive = true;
    const { width, height } = fine ?? previewSize(size.width, size.height);
    const ops = preview ? [...preview] : undefined;
    const show = (mask: Mask) => {
      if (!alive) return;
      const turn = canvases.current;
      turn.next ^= 1;
      const c = maskBoundsCanvas(mask, layer.colour, (turn.pair[turn.next] ??= spareCanvas()));
      shownMasks.set(layer.id, { mask });
      setShown({ canvas: c?.canvas ?? null, rect: c?.rect ?? { x: 0, y: 0, width: 0, height: 0 }, scale: width / size.width });
      // The brush's live canvas stays up until the committed stroke is on screen here.
      if (getSelectionUi().stroking === layer.id) setSelectionUi({ stroking: null });
    };
    const now = previewMaskNow(layer, width, height, ops);
    if (now) show(now);
    else previewMask(layer, width, height, ops).then(show, (err: unknown) => console.error('[anyfill] selection preview failed', err));
    return () => {
      alive = false;
    };
  }, [layer, preview, size.width, size.height, fine?.width, fine?.height]);
  useEffect(() => () => void shownMasks.delete(layer.id), [layer.id]);
  if (!shown || stroking || !shown.canvas) return null;
  const { rect, scale } = shown;
  return (
    <KonvaImage
      ref={node}
      name="selection-mask"
      id={`mask-${layer.id}`}
      image={shown.canvas}
      x={(frame?.x ?? 0) + rect.x / scale}
      y={(frame?.y ?? 0) + rect.y / scale}
      width={rect.width / scale}
      height={rect.height / scale}
      crop={{ x: 0, y: 0, width: rect.width, height: rect.height }}
      imageSmoothingEnabled={false}
      perfectDrawEnabled={false}
      listening={false}
    />
  );
});

function PromptMarks({ layer, scale }: { layer: SelectionLayer; scale: number }) {
  const frame = useEditor((s) => imageLayerOf(s.document, layer.assetId));
  const r = 6 / scale;
  const w = 1.5;
  const { box, points } = layer.prompt;
  return (
    <Group x={frame?.x ?? 0} y={frame?.y ?? 0} listening={false}>
      {box && (
        <Rect
          x={box.x0}
          y={box.y0}
          width={box.x1 - box.x0}
          height={box.y1 - box.y0}
          stroke={layer.colour}
          strokeWidth={1.5}
          dash={[6, 4]}
          strokeScaleEnabled={false}
        />
      )}
      {points.map((p, i) => (
        <Group key={i} x={p.x} y={p.y} name="prompt-point">
          <Rect
            x={-r}
            y={-r}
            width={2 * r}
            height={2 * r}
            cornerRadius={r}
            fill={p.label ? '#1fbf5f' : '#e5484d'}
            stroke="#fff"
            strokeWidth={1}
            strokeScaleEnabled={false}
          />
          <Line points={[-r * 0.55, 0, r * 0.55, 0]} stroke="#fff" strokeWidth={w} strokeScaleEnabled={false} />
          {p.label === 1 && <Line points={[0, -r * 0.55, 0, r * 0.55]} stroke="#fff" strokeWidth={w} strokeScaleEnabled={false} />}
        </Group>
      ))}
    </Group>
  );
}

/** `under`: drawn beneath the masks (the hover preview); `comparing`: the selection whose candidates are compared. */
export function SelectionOverlay({ under, comparing }: { under?: ReactNode; comparing?: LayerId | null }) {
  const layers = useEditor((s) => s.document?.layers);
  const scale = useEditor((s) => s.viewport.scale);
  const activeId = useSelectionUi((s) => s.activeId);
  if (!layers) return null;
  const selections = layers.filter((l): l is SelectionLayer => l.kind === 'selection');
  const active = selections.find((l) => l.id === activeId);
  return (
    <Group name="selections" listening={false}>
      {under}
      {/* While generative-fill candidates are compared, their selection's tint would hide the "before". */}
      {selections.map((l) => (l.visible && l.id !== comparing ? <SelectionMaskView key={l.id} layer={l} /> : null))}
      {active && active.visible && <PromptMarks layer={active} scale={scale} />}
    </Group>
  );
}
