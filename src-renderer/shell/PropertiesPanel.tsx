// Runs in: renderer. Facts about the active layer's image: size, format, orientation, decode state, notices.
import { useEditor } from '../core/state/editor-store';

const ORIENTATION: Record<number, string> = {
  1: 'Normal',
  2: 'Mirrored',
  3: 'Rotated 180°',
  4: 'Flipped',
  5: 'Mirrored, rotated 90°',
  6: 'Rotated 90°',
  7: 'Mirrored, rotated 270°',
  8: 'Rotated 270°',
};

export function PropertiesPanel() {
  const layer = useEditor((s) => {
    const l = s.document?.layers.find((x) => x.id === s.activeLayerId);
    return l?.kind === 'image' ? l : undefined;
  });
  const asset = useEditor((s) => (layer ? s.assets[layer.assetId] : undefined));
  const doc = useEditor((s) => s.document);
  if (!doc) return null;
  const info = asset?.info;
  return (
    <section className="panel" aria-label="Properties">
      <h2 className="panel-title">Properties</h2>
      <dl className="props" data-testid="properties">
        <dt>Canvas</dt>
        <dd>
          {doc.width} × {doc.height} px
        </dd>
        {layer && info && (
          <>
            <dt>Layer</dt>
            <dd>
              {layer.width} × {layer.height} px{layer.x || layer.y ? ` at ${layer.x}, ${layer.y}` : ''}
            </dd>
            <dt>Format</dt>
            <dd>
              {info.format.toUpperCase()}
              {info.hasAlpha ? ' with transparency' : ''}
            </dd>
            <dt>Orientation</dt>
            <dd>
              {ORIENTATION[info.orientation] ?? info.orientation}
              {info.orientation !== 1 ? ' (from EXIF, applied)' : ''}
            </dd>
            <dt>Pixels</dt>
            <dd>
              {asset.decoded === 'ready'
                ? 'Full resolution ready'
                : asset.decoded === 'failed'
                  ? 'Full resolution failed to load'
                  : 'Loading full resolution…'}
            </dd>
            {asset.proxyWidth < info.width && (
              <>
                <dt>Preview</dt>
                <dd>
                  {asset.proxyWidth} × {asset.proxyHeight} px
                </dd>
              </>
            )}
          </>
        )}
      </dl>
      {info && info.notices.length > 0 && (
        <ul className="notices">
          {info.notices.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
