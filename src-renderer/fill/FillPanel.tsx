// Runs in: renderer. "Fill" in the sidebar while a selection is the target: method, seed, and the
// button that runs content-aware fill (also Edit › Content-Aware Fill, Shift+Backspace).
import { useEditor } from '../state/editor-store';
import { useSelectionUi } from '../selection/selection-store';
import { useJobs } from '../jobs/job-store';
import { contentAwareFill } from './fill-actions';
import { setFillSettings, useFillSettings, type FillMethodChoice } from './fill-settings';
import './fill.css';

const METHODS: { value: FillMethodChoice; label: string; hint: string }[] = [
  { value: 'auto', label: 'Auto', hint: 'Telea for thin scratches and wires, PatchMatch for everything else' },
  { value: 'patchmatch', label: 'PatchMatch', hint: 'Rebuilds texture from the rest of the photo' },
  { value: 'telea', label: 'Telea', hint: 'Smooth diffusion from the edges: fast, best for thin marks' },
];

export function FillPanel() {
  const openId = useSelectionUi((s) => s.activeId);
  const target = useEditor((s) => {
    const active = s.document?.layers.find((l) => l.id === s.activeLayerId);
    if (active?.kind === 'selection') return active.name;
    const open = s.document?.layers.find((l) => l.id === openId);
    return open?.kind === 'selection' ? open.name : null;
  });
  const { method, seed } = useFillSettings();
  const running = useJobs((s) => s.jobs.length > 0);
  if (!target) return null;
  return (
    <section className="panel" aria-label="Fill" data-testid="fill-panel">
      <h2 className="panel-title">Fill · {target}</h2>
      <div className="fill-form">
        <label>
          <span>Method</span>
          <select value={method} data-testid="fill-method" onChange={(e) => setFillSettings({ method: e.target.value as FillMethodChoice })}>
            {METHODS.map((m) => (
              <option key={m.value} value={m.value} title={m.hint}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <label title="Leave empty for a new variant each time; a number repeats a result exactly.">
          <span>Seed</span>
          <input
            type="number"
            min={0}
            max={4294967295}
            placeholder="random"
            value={seed ?? ''}
            data-testid="fill-seed"
            onChange={(e) => {
              const n = Number.parseInt(e.target.value, 10);
              setFillSettings({ seed: Number.isFinite(n) && n >= 0 ? Math.min(n, 4294967295) : null });
            }}
          />
        </label>
        <button type="button" className="primary" data-testid="fill-run" disabled={running} onClick={() => void contentAwareFill()}>
          Content-Aware Fill
        </button>
      </div>
    </section>
  );
}
