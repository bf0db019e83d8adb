// Runs in: renderer. Mask operations on the active selection. Sliders preview live while dragged (the
// overlay replays the layer's ops plus the pending one) and commit one undo step on release; Escape
// drops the preview. Buttons commit at once.
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { LayerId } from '../../src-shared/document/ids';
import type { SelectionLayer } from '../../src-shared/document/selection';
import { registerKeyTarget } from '../commands/key-targets';
import { findSelection } from '../selection/selection-actions';
import { useSelectionUi } from '../selection/selection-store';
import { useEditor } from '../state/editor-store';
import { clearPreview, commitOp, previewOp, resetOps } from './mask-op-actions';
import { canAddOp, opsSummary, SLIDERS, sliderOp, sliderText, type SliderOp } from './mask-op-view';
import './mask-ops.css';
import { installMaskOpsTestAccess, wantsTestAccess } from './test-access';

if (wantsTestAccess()) installMaskOpsTestAccess();

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
  const layer = useEditor((s) => (activeId ? (s.document?.layers.find((l) => l.id === activeId && l.kind === 'selection') as SelectionLayer | undefined) : undefined));
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
      <OpSlider layerId={id} kind="grow" label="Grow / shrink" testId="maskop-grow" value={values.grow} disabled={full} onValue={set} commit />
      <OpSlider layerId={id} kind="feather" label="Feather" testId="maskop-feather" value={values.feather} disabled={full} onValue={set} commit />
      <OpSlider layerId={id} kind="smooth" label="Smooth" testId="maskop-smooth" value={values.smooth} disabled={full} onValue={set} commit />
      <div className="maskops-islands">
        <OpSlider layerId={id} kind="removeIslands" label="Islands under" testId="maskop-islands-size" value={values.removeIslands} disabled={full} onValue={set} commit={false} />
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
      <button type="button" className="maskops-reset" data-testid="maskop-reset" disabled={layer.ops.length === 0} onClick={() => resetOps(id)}>
        Reset operations
      </button>
    </section>
  );
}

interface SliderProps {
  layerId: LayerId;
  kind: SliderOp;
  label: string;
  testId: string;
  value: number;
  disabled: boolean;
  onValue: (kind: SliderOp, v: number) => void;
  /** Commit on release (grow, feather, smooth); false: the value is only chosen (islands has a button). */
  commit: boolean;
}

// Memoised: a click changes the selection, not these sliders; five of them need not redraw with it.
const OpSlider = memo(function OpSlider({ layerId, kind, label, testId, value, disabled, onValue, commit }: SliderProps) {
  const ref = useRef<HTMLInputElement | null>(null);
  const latest = useRef({ layerId, kind, commit, onValue });
  latest.current = { layerId, kind, commit, onValue };
  const spec = SLIDERS[kind];

  // The native "change" fires on release (pointer or key): that is the commit. React's onChange is "input".
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onRelease = () => {
      const { layerId: lid, kind: k, commit: c, onValue: set } = latest.current;
      if (!findSelection(lid)) return;
      const op = sliderOp(k, Number(el.value));
      if (c) {
        if (op) commitOp(lid, op);
        else clearPreview();
        set(k, SLIDERS[k].rest);
      } else {
        clearPreview();
      }
    };
    el.addEventListener('change', onRelease);
    return () => el.removeEventListener('change', onRelease);
  }, []);

  return (
    <label className="maskops-slider">
      <span>{label}</span>
      <input
        ref={ref}
        type="range"
        min={spec.min}
        max={spec.max}
        step={spec.step}
        value={value}
        disabled={disabled}
        data-testid={testId}
        aria-label={label}
        onChange={(e) => {
          const v = Number(e.currentTarget.value);
          onValue(kind, v);
          previewOp(layerId, sliderOp(kind, v));
        }}
        onBlur={() => clearPreview()}
      />
      <span className="maskops-value" data-testid={`${testId}-value`}>
        {sliderText(kind, value)}
      </span>
    </label>
  );
});
