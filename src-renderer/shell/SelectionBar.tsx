// Runs in: renderer. A strip at the bottom of the canvas for the selection tools: the last answer's
// multimask candidates with their scores (click to pick: one undo step), the brush's mode and hardness,
// and what stops selecting (no model installed → open the model manager).
import { openModelManager } from '../models/model-actions';
import { findSelection } from '../selection/selection-actions';
import { useSelectionUi } from '../selection/selection-store';
import { CandidateStrip } from '../selection/CandidateStrip';
import { useEditor } from '../core/state/editor-store';
import { setBrushHardness, setBrushMode } from '../selection/tool-actions';
import { WandControls } from '../selection/WandControls';
import { HoverToggle } from '../hover/HoverToggle';

function BrushControls() {
  const brush = useSelectionUi((s) => s.brush);
  return (
    <div className="brush-controls" data-testid="brush-controls">
      <div className="segmented" role="group" aria-label="Brush mode">
        <button type="button" data-testid="brush-add" aria-pressed={brush.mode === 'add'} onClick={() => setBrushMode('add')}>
          Add
        </button>
        <button type="button" data-testid="brush-erase" aria-pressed={brush.mode === 'erase'} onClick={() => setBrushMode('erase')}>
          Erase
        </button>
      </div>
      <label className="brush-hardness">
        Hardness
        <input
          type="range"
          min={0}
          max={100}
          value={Math.round(brush.hardness * 100)}
          data-testid="brush-hardness"
          onChange={(e) => setBrushHardness(Number(e.currentTarget.value) / 100)}
        />
      </label>
      <span className="hint">Size [ ] or Ctrl+wheel · Alt paints the other mode</span>
    </div>
  );
}

function SegmentProblem() {
  const seg = useSelectionUi((s) => s.segment);
  const tool = useEditor((s) => s.activeTool);
  if (seg.state !== 'failed' || tool !== 'select') return null;
  return (
    <div className="segment-problem" data-testid="selection-error" role="alert">
      <span>{seg.message}</span>
      {seg.modelMissing && (
        <button type="button" data-testid="open-model-manager" onClick={openModelManager}>
          Open Models…
        </button>
      )}
    </div>
  );
}

export function SelectionBar() {
  const tool = useEditor((s) => s.activeTool);
  const hasDoc = useEditor((s) => s.document !== null);
  if (!hasDoc || tool === 'hand') return null;
  return (
    <div className="selection-bar" data-testid="selection-bar">
      <SegmentProblem />
      {tool === 'select' && <CandidateStrip />}
      {tool === 'select' && <HoverToggle />}
      {tool === 'brush' && <BrushControls />}
      {tool === 'wand' && <WandControls />}
    </div>
  );
}

/** Name of the open selection for the status bar. */
export function useOpenSelectionName(): string | null {
  const id = useSelectionUi((s) => s.activeId);
  useEditor((s) => s.document);
  return findSelection(id)?.name ?? null;
}
