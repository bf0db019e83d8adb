// Runs in: renderer. Mask operations on the active selection. Sliders preview live while dragged (the
// overlay replays the layer's ops plus the pending one) and commit one undo step per drag, key burst or
// typed value (slider-gesture.ts); Escape drops the preview. Buttons commit at once.
import { memo, useCallback, useEffect, useState } from 'react';
import type { SelectionLayer } from '../../src-shared/document/selection';
import { registerKeyTarget } from '../core/commands/key-targets';
import { useSelectionUi } from '../selection/api';
import { useEditor } from '../core/state/editor-store';
import { clearPreview, commitOp, resetOps } from './mask-op-actions';
import {
  canAddOp,
  opsSummary,
  SLIDERS,
  sliderOp,
  sliderPosition,
  sliderText,
  sliderValueAt,
  typedText,
  typedValue,
  type SliderOp,
} from './mask-op-view';
import { useSliderGesture, type SliderTarget } from './slider-gesture';
import './mask-ops.css';

type Values = Record<SliderOp, number>;
const restValues = (): Values => ({
  grow: SLIDERS.grow.rest,
  feather: SLIDERS.feather.rest,
  smooth: SLIDERS.smooth.rest,
  removeIslands: SLIDERS.removeIslands.rest,
});

export function MaskOpsPanel() {
  const activeId = useSelectionUi((s) => s.activeId);
  // Subscribing to the document keeps the panel's ops list current after undo/redo.
  const layer = useEditor((s) =>
    activeId ? (s.document?.layers.find((l) => l.id === activeId && l.kind === 'selection') as SelectionLayer | undefined) : undefined,
  );
  if (!layer) return null;
  return <MaskOpsBody key={layer.id} layer={layer} />;
}

function MaskOpsBody({ layer }: { layer: SelectionLayer }) {
  const [values, setValues] = useState<Values>(restValues);
  const id = layer.id;
  const full = !canAddOp(layer.ops);
  const previewing = useSelectionUi((s) => s.preview?.layerId === id);

  // Escape (the one Escape command) cancels a live preview and puts the dragged slider back; the selection
  // stays open: a preview ranks above a job or the selection in key-priority.ts.
  useEffect(() => {
    if (!previewing) return;
    return registerKeyTarget('cancelPreview', () => {
      clearPreview();
      setValues((v) => ({ ...restValues(), removeIslands: v.removeIslands }));
    });
  }, [previewing]);

  // Leaving the selection (or the panel) never leaves a preview behind.
  useEffect(() => () => clearPreview(), [id]);

  const set = useCallback((kind: SliderOp, v: number) => setValues((old) => ({ ...old, [kind]: v })), []);

  return (
    <section className="panel maskops-panel" aria-label="Mask operations" data-testid="maskops-panel">
      <h2 className="panel-title">Refine “{layer.name}”</h2>
      <p className="maskops-summary" data-testid="maskops-summary">
        {opsSummary(layer.ops)}
      </p>
      <div className="maskops-buttons">
        <button type="button" data-testid="maskop-fill-holes" disabled={full} onClick={() => commitOp(id, { kind: 'fillHoles' })}>
          Fill holes
        </button>
        <button type="button" data-testid="maskop-invert" disabled={full} onClick={() => commitOp(id, { kind: 'invert' })}>
          Invert
        </button>
      </div>
      <OpSlider
        layerId={id}
        kind="grow"
        label="Grow / shrink"
        testId="maskop-grow"
        value={values.grow}
        disabled={full}
        onValue={set}
        commit
      />
      <OpSlider
        layerId={id}
        kind="feather"
        label="Feather"
        testId="maskop-feather"
        value={values.feather}
        disabled={full}
        onValue={set}
        commit
      />
      <OpSlider
        layerId={id}
        kind="smooth"
        label="Smooth"
        testId="maskop-smooth"
        value={values.smooth}
        disabled={full}
        onValue={set}
        commit
      />
      <div className="maskops-islands">
        <OpSlider
          layerId={id}
          kind="removeIslands"
          label="Islands under"
          testId="maskop-islands-size"
          value={values.removeIslands}
          disabled={full}
          onValue={set}
          commit={false}
        />
        <button
          type="button"
          data-testid="maskop-islands"
          disabled={full}
          onClick={() => {
            const op = sliderOp('removeIslands', values.removeIslands);
            if (op) commitOp(id, op);
          }}
        >
          Remove islands
        </button>
      </div>
      <button
        type="button"
        className="maskops-reset"
        data-testid="maskop-reset"
        disabled={layer.ops.length === 0}
        onClick={() => resetOps(id)}
      >
        Reset operations
      </button>
    </section>
  );
}

interface SliderProps extends Omit<SliderTarget, 'value'> {
  label: string;
  testId: string;
  value: number;
  disabled: boolean;
}

// Memoised: a click changes the selection, not these sliders; five of them need not redraw with it.
const OpSlider = memo(function OpSlider({ layerId, kind, label, testId, value, disabled, onValue, commit }: SliderProps) {
  const gesture = useSliderGesture({ layerId, kind, value, commit, onValue });
  const [draft, setDraft] = useState<string | null>(null);
  const spec = SLIDERS[kind];
  const [lo, hi] = [sliderPosition(kind, spec.min), sliderPosition(kind, spec.max)];
  return (
    <label className="maskops-slider" title={sliderText(kind, value)}>
      <span>{label}</span>
      <input
        type="range"
        min={lo}
        max={hi}
        step="any"
        value={sliderPosition(kind, value)}
        disabled={disabled}
        data-testid={testId}
        aria-label={label}
        aria-valuetext={sliderText(kind, value)}
        onChange={(e) => gesture.show(sliderValueAt(kind, Number(e.currentTarget.value)))}
        ref={gesture.range}
        onKeyDown={gesture.keyDown}
        onBlur={gesture.blur}
      />
      <span className="maskops-value">
        <input
          type="number"
          className="maskops-number"
          data-testid={`${testId}-input`}
          aria-label={`${label} (${kind === 'removeIslands' ? 'px²' : 'px'})`}
          value={draft ?? typedText(kind, value)}
          disabled={disabled}
          onChange={(e) => {
            setDraft(e.currentTarget.value);
            const v = typedValue(kind, e.currentTarget.value);
            if (v !== null) gesture.show(v);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            setDraft(null);
            gesture.finish();
          }}
          onBlur={() => {
            setDraft(null);
            gesture.finish();
          }}
        />
        {kind === 'removeIslands' ? 'px²' : 'px'}
      </span>
    </label>
  );
});
