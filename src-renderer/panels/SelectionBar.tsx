// Runs in: renderer. A strip at the bottom of the canvas for the selection tools: the last answer's
// multimask candidates with their scores (click to pick: one undo step), the brush's mode and hardness,
// and what stops selecting (no model installed → open the model manager).
import { useEffect, useState } from 'react';
import { lowResToMask } from '../../src-shared/masks';
import { openModelManager } from '../models/model-actions';
import { afterPaint } from '../canvas/after-paint';
import { decodeLogits } from '../selection/preview-mask';
import { pickCandidate } from '../selection/candidate-logits';
import { findSelection } from '../selection/selection-actions';
import { useSelectionUi, type LastRun } from '../selection/selection-store';
import { useEditor } from '../state/editor-store';
import { setBrushHardness, setBrushMode } from '../tools/tool-actions';
import { hexToRgb } from '../selection/palette';
import { WandControls } from './WandControls';
import { HoverToggle } from '../hover/HoverToggle';

const THUMB = 56;

/** A candidate's mask as a small picture: selected in the selection's colour on a dark ground. */
function thumbUrl(logits: Float32Array, p: LastRun['placement'], colour: string): string {
  const s = THUMB / Math.max(p.width, p.height);
  const w = Math.max(1, Math.round(p.width * s));
  const h = Math.max(1, Math.round(p.height * s));
  const m = lowResToMask(logits, p, w, h);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const img = new ImageData(w, h);
  const [r, g, b] = hexToRgb(colour);
  for (let i = 0; i < m.length; i++) img.data.set(m[i]! > 0 ? [r, g, b, 255] : [40, 42, 48, 255], i * 4);
  canvas.getContext('2d')!.putImageData(img, 0, 0);
  return canvas.toDataURL();
}

function CandidateThumb({ run, index, colour }: { run: LastRun; index: number; colour: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const c = run.candidates.find((x) => x.index === index)!;
  useEffect(() => {
    let alive = true;
    const encoded = c.logits;
    if (!encoded) return; // on its way (candidate-logits.ts): this effect runs again when it lands
    // After the frame that shows the click's mask: four thumbnails are not worth delaying it.
    const cancel = afterPaint(() => {
      void decodeLogits(encoded).then((logits) => alive && setUrl(thumbUrl(logits, run.placement, colour)));
    });
    return () => {
      alive = false;
      cancel();
    };
  }, [c, run.placement, colour]);
  return url ? <img src={url} alt="" width={THUMB} /> : <span className="candidate-blank" />;
}

function Candidates() {
  const run = useSelectionUi((s) => s.lastRun);
  const activeId = useSelectionUi((s) => s.activeId);
  const layer = useEditor((s) => (run ? s.document?.layers.find((l) => l.id === run.layerId) : undefined));
  if (!run || !layer || layer.kind !== 'selection' || run.layerId !== activeId || layer.sam?.resultId !== run.resultId || run.candidates.length < 2) return null;
  const chosen = layer.sam.candidateIndex;
  return (
    <div className="candidates" data-testid="candidates" role="listbox" aria-label="Mask candidates">
      {run.candidates.map((c) => (
        <button
          type="button"
          key={c.index}
          className={`candidate${c.index === chosen ? ' chosen' : ''}`}
          data-testid="candidate"
          data-index={c.index}
          role="option"
          aria-selected={c.index === chosen}
          title={`Candidate ${c.index + 1}: score ${c.score.toFixed(2)}`}
          onClick={() => pickCandidate(c.index)}
        >
          <CandidateThumb run={run} index={c.index} colour={layer.colour} />
          <span className="score">{c.score.toFixed(2)}</span>
        </button>
      ))}
    </div>
  );
}

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
      {tool === 'select' && <Candidates />}
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
