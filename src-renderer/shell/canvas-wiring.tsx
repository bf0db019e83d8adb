// Runs in: renderer. What the shell hands the canvas (canvas/ knows no feature): the tools, each built with
// what it needs (the select tool: the document's segment session and the hover preview), and the features'
// overlays in drawing order.
import type { ToolSet } from '../core/tools/tool-manager';
import { createHandTool } from '../core/tools/hand-tool';
import type { CanvasOverlays } from '../canvas/OverlayLayer';
import { createSelectTool } from '../segment/select-tool';
import type { SegmentSessions } from '../segment/segment-sessions';
import { clearHover, hoverAt, stopHover } from '../hover/hover-runner';
import { HoverMaskView } from '../hover/HoverMaskView';
import { createBrushTool } from '../selection/brush-tool';
import { createWandTool } from '../selection/wand-tool';
import { SelectionOverlay } from '../selection/SelectionOverlay';
import { ToolMarks } from '../selection/ToolMarks';
import { DetectionBoxes } from '../detect/DetectionBoxes';
import { GenerateOverlay } from '../generate/CandidateOverlay';
import { useGenerate } from '../generate/generate-store';
import { OutpaintPreview } from '../outpaint/OutpaintPreview';
import { EraseCropOverlay } from '../fill/EraseCropOverlay';

export function createTools(segment: SegmentSessions): ToolSet {
  return {
    hand: createHandTool(),
    select: createSelectTool({ session: segment.current, hover: { at: hoverAt, stop: stopHover, clear: clearHover } }),
    wand: createWandTool(),
    brush: createBrushTool(),
  };
}

function Selections() {
  // While generative-fill candidates are compared, their selection's tint would hide the "before".
  const comparing = useGenerate((s) => s.results?.selectionId);
  return <SelectionOverlay under={<HoverMaskView />} comparing={comparing} />;
}

export const canvasOverlays: CanvasOverlays = {
  under: <Selections />,
  over: (
    <>
      <DetectionBoxes />
      <GenerateOverlay />
      <EraseCropOverlay />
      <OutpaintPreview />
    </>
  ),
  interaction: <ToolMarks />,
};
