// Runs in: renderer. The layers list, top of the stack first (as every editor shows it).
import { useEditor } from '../core/state/editor-store';
import { LayerRow } from './LayerRow';

export function LayersPanel() {
  const layers = useEditor((s) => s.document?.layers);
  return (
    <section className="panel" aria-label="Layers">
      <h2 className="panel-title">Layers {layers && layers.length > 0 && <span className="count">{layers.length}</span>}</h2>
      {!layers ? (
        <p className="panel-empty">No document open.</p>
      ) : layers.length === 0 ? (
        <p className="panel-empty">No layers. Undo to bring the last one back, or paste an image.</p>
      ) : (
        <ul className="layer-list" data-testid="layer-list">
          {[...layers].reverse().map((l) => (
            <LayerRow key={l.id} layer={l} />
          ))}
        </ul>
      )}
    </section>
  );
}
