// Runs in: renderer. One row of the layers panel: thumbnail, name (double-click to rename), visibility,
// opacity, order and delete. Every edit is an undoable document change.
import { memo, useState, type MouseEvent } from 'react';
import type { Layer } from '../../src-shared/document/types';
import { useEditor } from '../core/state/editor-store';
import { setActiveSelection } from '../selection/selection-actions';
import { useSelectionUi } from '../selection/selection-store';
import { canMoveLayer, deleteLayer, moveLayer, renameLayer, setActiveLayer, toggleLayerVisible } from '../core/state/layer-actions';
import { Icon } from '../core/ui/icons';
import { OpacitySlider } from './OpacitySlider';

function NameEditor({ layer, onDone }: { layer: Layer; onDone: () => void }) {
  const [value, setValue] = useState(layer.name);
  const commit = () => {
    if (value.trim() && value !== layer.name) renameLayer(layer.id, value);
    onDone();
  };
  return (
    <input
      className="layer-name-input"
      data-testid="layer-name-input"
      autoFocus
      value={value}
      maxLength={200}
      aria-label="Layer name"
      onChange={(e) => setValue(e.currentTarget.value)}
      onFocus={(e) => e.currentTarget.select()}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') onDone();
      }}
    />
  );
}

function selectionSummary(l: Extract<Layer, { kind: 'selection' }>): string {
  const parts: string[] = [];
  const pos = l.prompt.points.filter((p) => p.label === 1).length;
  const neg = l.prompt.points.length - pos;
  if (pos) parts.push(`${pos} +`);
  if (neg) parts.push(`${neg} −`);
  if (l.prompt.box) parts.push('box');
  if (l.strokes.length) parts.push(`${l.strokes.length} stroke${l.strokes.length > 1 ? 's' : ''}`);
  if (l.ops.length) parts.push(`${l.ops.length} op${l.ops.length > 1 ? 's' : ''}`);
  return parts.join(' · ') || 'Selection';
}

// Memoised by its layer object (immer keeps unchanged layers identical): a click redraws its own row only.
export const LayerRow = memo(function LayerRow({ layer }: { layer: Layer }) {
  const [editing, setEditing] = useState(false);
  // Exactly one row is active: the active layer. The open selection (what clicks, Delete and Fill act on)
  // is marked apart when another layer is active.
  const active = useEditor((s) => s.activeLayerId === layer.id);
  const open = useSelectionUi((s) => s.activeId === layer.id);
  const url = useEditor((s) => (layer.kind === 'image' ? s.assets[layer.assetId]?.thumbUrl : undefined));
  const canUp = useEditor((s) => canMoveLayer(s.document, layer.id, 1));
  const canDown = useEditor((s) => canMoveLayer(s.document, layer.id, -1));
  const stop = (fn: () => void) => (e: MouseEvent) => {
    e.stopPropagation();
    fn();
  };
  return (
    <li
      className={`layer-item${active ? ' active' : ''}${open && !active ? ' open-selection' : ''}${layer.visible ? '' : ' hidden-layer'}${layer.kind === 'selection' ? ' selection-item' : ''}`}
      data-testid="layer-item"
      data-layer-id={layer.id}
      data-kind={layer.kind}
      aria-selected={active}
      onClick={() => (layer.kind === 'selection' ? setActiveSelection(layer.id) : setActiveLayer(layer.id))}
    >
      <button
        type="button"
        className="icon-button visibility"
        data-testid="layer-visibility"
        aria-pressed={layer.visible}
        title={layer.visible ? 'Hide layer' : 'Show layer'}
        onClick={stop(() => toggleLayerVisible(layer.id))}
      >
        <Icon name={layer.visible ? 'eye' : 'eyeOff'} size={16} />
      </button>
      {layer.kind === 'selection' ? (
        <div className="thumb selection-thumb">
          <span
            className="selection-swatch"
            data-testid="selection-swatch"
            style={{ background: layer.colour }}
            title={open ? 'Open: Shift+click adds to it, Alt+click subtracts' : 'Click to reopen this selection'}
          />
        </div>
      ) : (
        <div className="thumb">{url && <img src={url} alt="" draggable={false} />}</div>
      )}
      <div className="layer-main">
        {editing ? (
          <NameEditor layer={layer} onDone={() => setEditing(false)} />
        ) : (
          <div className="layer-name" data-testid="layer-name" title="Double-click to rename" onDoubleClick={() => setEditing(true)}>
            {layer.name}
          </div>
        )}
        {layer.kind === 'image' ? (
          <OpacitySlider layerId={layer.id} opacity={layer.opacity} name={layer.name} />
        ) : (
          <div className="layer-sub">{selectionSummary(layer)}</div>
        )}
      </div>
      <div className="layer-actions">
        <button
          type="button"
          className="icon-button"
          title="Move up"
          aria-label="Move layer up"
          disabled={!canUp}
          onClick={stop(() => moveLayer(layer.id, 1))}
        >
          <Icon name="up" size={15} />
        </button>
        <button
          type="button"
          className="icon-button"
          title="Move down"
          aria-label="Move layer down"
          disabled={!canDown}
          onClick={stop(() => moveLayer(layer.id, -1))}
        >
          <Icon name="down" size={15} />
        </button>
        <button
          type="button"
          className="icon-button danger"
          title="Delete layer"
          aria-label="Delete layer"
          data-testid="layer-delete"
          onClick={stop(() => deleteLayer(layer.id))}
        >
          <Icon name="trash" size={15} />
        </button>
      </div>
    </li>
  );
});
