// Runs in: renderer. The magic wand's options in the selection bar: tolerance, edge-aware, contiguous.
// They apply to the next click; each click keeps the options it was made with.
import { setWandSettings, useWandSettings } from './wand-settings';

export function WandControls() {
  const { tolerance, edgeAware, contiguous } = useWandSettings();
  return (
    <div className="brush-controls" data-testid="wand-controls">
      <label className="brush-hardness" title="How far a colour may be from the clicked one (0–255)">
        Tolerance
        <input
          type="range"
          min={0}
          max={128}
          value={tolerance}
          data-testid="wand-tolerance"
          onChange={(e) => setWandSettings({ tolerance: Number(e.currentTarget.value) })}
        />
        <span className="value">{tolerance}</span>
      </label>
      <label title="Stop at strong edges even where colours stay within tolerance">
        <input
          type="checkbox"
          checked={edgeAware}
          data-testid="wand-edge-aware"
          onChange={(e) => setWandSettings({ edgeAware: e.currentTarget.checked })}
        />{' '}
        Edge-aware
      </label>
      <label title="Only the area connected to the click; off selects every similar colour in the image">
        <input
          type="checkbox"
          checked={contiguous}
          data-testid="wand-contiguous"
          onChange={(e) => setWandSettings({ contiguous: e.currentTarget.checked })}
        />{' '}
        Contiguous
      </label>
      <span className="hint" title="Click: a new selection · Shift+click: add to it · Alt+click or right-click: subtract · needs no model">
        Shift adds · Alt subtracts
      </span>
    </div>
  );
}
