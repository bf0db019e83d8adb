// Runs in: renderer. One generated candidate as a thumbnail: its patch drawn over the photo around it
// (the patch is transparent outside what was generated), so candidates are compared in place.
import { photoBackdrop, withContext } from '../core/images/photo-backdrop';
import { imageLayerOf } from '../core/viewport/geometry';
import { findSelection } from '../selection/api';
import { useEditor } from '../core/state/editor-store';
import type { Candidate, GenerateResults } from './generate-store';

const BOX = { width: 64, height: 64 };
/** Photo around the patch, as a share of its longer side: the patch is seen in its place. */
const CONTEXT = 0.25;

export function CandidateThumb({ results, candidate: c, alt }: { results: GenerateResults; candidate: Candidate; alt: string }) {
  const layer = useEditor((s) => {
    const assetId = findSelection(results.selectionId)?.assetId;
    return assetId ? imageLayerOf(s.document, assetId) : null;
  });
  const url = useEditor((s) => (layer ? s.assets[layer.assetId]?.url : undefined));
  const photo = layer && url ? { width: layer.width, height: layer.height, url } : null;
  const patch = { x: c.x, y: c.y, width: c.asset.width, height: c.asset.height };
  const region = photo ? withContext(patch, photo, CONTEXT) : patch;
  const b = photoBackdrop(region, photo ?? c.asset, BOX);
  const k = b.width / region.width;
  const style = photo
    ? { backgroundImage: `url("${photo.url}")`, backgroundSize: b.backgroundSize, backgroundPosition: b.backgroundPosition }
    : {};
  return (
    <span className="result-thumb" data-testid="generate-candidate-thumb" style={{ width: b.width, height: b.height, ...style }}>
      <img
        src={c.url}
        alt={alt}
        draggable={false}
        style={{ left: (patch.x - region.x) * k, top: (patch.y - region.y) * k, width: patch.width * k, height: patch.height * k }}
      />
    </span>
  );
}
