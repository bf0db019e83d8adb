// Runs in: renderer. A layer's opacity. The whole drag (or a held arrow key) is one undo step:
// the slider opens a history gesture on press and closes it on release. [Note: history]
import type { LayerId } from '../../src-shared/document/ids';
import { beginDocumentGesture, endDocumentGesture } from '../core/state/document-actions';
import { layerLabel, setLayerOpacity } from '../core/state/layer-actions';

/** The step's label names the layer, as setLayerOpacity's does. */
const label = (name: string) => `Opacity of ${layerLabel(name)}`;

function begin(name: string): void {
  beginDocumentGesture(label(name));
  // Released outside the slider still ends the gesture.
  window.addEventListener('pointerup', endDocumentGesture, { once: true, capture: true });
}

export function OpacitySlider({ layerId, opacity, name }: { layerId: LayerId; opacity: number; name: string }) {
  const pct = Math.round(opacity * 100);
  return (
    <label className="opacity" title="Opacity">
      <input
        type="range"
        min={0}
        max={100}
        step={1}
        value={pct}
        data-testid="layer-opacity"
        aria-label={`Opacity of ${name}`}
        onPointerDown={() => begin(name)}
        onKeyDown={(e) =>
          e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End' || e.key.startsWith('Page')
            ? beginDocumentGesture(label(name))
            : undefined
        }
        onKeyUp={endDocumentGesture}
        onBlur={endDocumentGesture}
        onChange={(e) => setLayerOpacity(layerId, Number(e.currentTarget.value) / 100)}
        onClick={(e) => e.stopPropagation()}
      />
      <span className="opacity-value">{pct}%</span>
    </label>
  );
}
