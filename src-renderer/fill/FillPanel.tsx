// Runs in: renderer. "Fill" in the sidebar while a selection is the target: method, seed, and the
// button that runs content-aware fill (also Edit › Content-Aware Fill, Shift+Backspace).
import { useEditor } from '../core/state/editor-store';
import { useSelectionUi } from '../selection/api';
import { useJobs } from '../jobs/api';
import { contentAwareFill } from './fill-actions';
import { setFillSettings, useFillSettings, type FillMethodChoice } from './fill-settings';
import './fill.css';
import { SeedField } from '../core/ui/SeedField';

const METHODS: { value: FillMethodChoice; label: string; hint: string }[] = [
  {
    value: 'auto',
    label: 'Auto',
    hint: 'The eraser Remove uses when one is installed (MI-GAN, or LaMa: Use for Remove in Models…); else Telea for thin scratches and wires, PatchMatch for everything else',
  },
  { value: 'migan', label: 'MI-GAN', hint: 'Learned eraser: plausible structure in about a second (download it in Models…)' },
  { value: 'lama', label: 'LaMa', hint: "Learned eraser, best on large holes; about 15× MI-GAN's compute (download it in Models…)" },
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
  const { method, seed, lastUsed } = useFillSettings();
  const running = useJobs((s) => s.jobs.length > 0);
  if (!target) return null;
  return (
    <section className="panel" aria-label="Fill" data-testid="fill-panel">
      <h2 className="panel-title">Fill · {target}</h2>
      <div className="fill-form">
        <label>
          <span>Method</span>
          <select
            value={method}
            data-testid="fill-method"
            onChange={(e) => setFillSettings({ method: e.target.value as FillMethodChoice })}
          >
            {METHODS.map((m) => (
              <option key={m.value} value={m.value} title={m.hint}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
        <SeedField
          value={seed}
          onChange={(v) => setFillSettings({ seed: v })}
          testId="fill-seed"
          title="Leave empty for a new variant each time; a number repeats a result exactly."
        />
        <button type="button" className="primary" data-testid="fill-run" disabled={running} onClick={() => void contentAwareFill()}>
          Content-Aware Fill
        </button>
        {lastUsed && (
          <p className="fill-last" data-testid="fill-last-method">
            Last fill: {lastUsed}
          </p>
        )}
      </div>
    </section>
  );
}
