// Runs in: renderer. The canvas area: a Konva Stage filling the free space, its layers, and input wiring.
// The tools and the overlays come from the shell (App.tsx): the canvas knows no feature.
import type Konva from 'konva';
import { useEffect, useRef, type RefObject } from 'react';
import { Stage } from 'react-konva';
import { useEditor } from '../core/state/editor-store';
import { BackdropLayer } from './BackdropLayer';
import { ImageLayerView } from './ImageLayerView';
import { InteractionLayer } from './InteractionLayer';
import { OverlayLayer, type CanvasOverlays } from './OverlayLayer';
import type { ToolSet } from '../core/tools/tool-manager';
import { stageRefs } from '../core/viewport/stage-refs';
import { useCanvasInput } from './use-canvas-input';
import { setStageSize } from '../core/state/view-actions';

/** Keeps the store's stage size equal to the canvas area (window resizes, panel changes). */
function useStageSize(ref: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setStageSize({ width: el.clientWidth, height: el.clientHeight });
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    measure();
    return () => ro.disconnect();
  }, [ref]);
}

export function EditorStage({ tools, overlays }: { tools: () => ToolSet; overlays: CanvasOverlays }) {
  const ref = useRef<HTMLDivElement | null>(null);
  const size = useEditor((s) => s.stageSize);
  useStageSize(ref);
  useCanvasInput(ref, tools);
  const bindContainer = (el: HTMLDivElement | null) => {
    ref.current = el;
    stageRefs.container = el;
  };
  const bindStage = (s: Konva.Stage | null) => {
    stageRefs.stage = s;
  };
  return (
    // tabIndex: the canvas can hold focus, so keys go to the editor rather than a stale button.
    <div className="canvas-container" data-testid="canvas-container" ref={bindContainer} tabIndex={-1}>
      {size.width > 0 && size.height > 0 && (
        <Stage ref={bindStage} width={size.width} height={size.height} listening={false}>
          <BackdropLayer />
          <ImageLayerView />
          <OverlayLayer under={overlays.under} over={overlays.over} />
          {/* Interaction: cursor-level things (brush outline, rubber band) that redraw on every move. */}
          <InteractionLayer>{overlays.interaction}</InteractionLayer>
        </Stage>
      )}
    </div>
  );
}
