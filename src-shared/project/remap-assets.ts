// Runs in: every process (pure). Opening a project registers every image anew, so every AssetId the
// document names changes: the layers', and those inside a result's pipeline log (its input, its own
// result and the selection it used), so a reopened project's logs still re-run. Ids the project does
// not hold (an input image deleted before saving) are kept as they were: a re-run then says it is gone.
import type { AssetId } from '../document/ids';
import type { Provenance } from '../document/provenance';
import type { EditorDocument, Layer } from '../document/types';

export function remapAssetIds(document: EditorDocument, ids: ReadonlyMap<string, AssetId>): EditorDocument {
  const map = (id: AssetId): AssetId => ids.get(id) ?? id;
  const remapProvenance = (p: Provenance): Provenance => ({
    ...p,
    input: { ...p.input, assetId: map(p.input.assetId) },
    result: { ...p.result, assetId: map(p.result.assetId) },
    selection: p.selection ? { ...p.selection, assetId: map(p.selection.assetId) } : null,
  });
  const layer = (l: Layer): Layer =>
    l.kind === 'image' && l.provenance
      ? { ...l, assetId: map(l.assetId), provenance: remapProvenance(l.provenance) }
      : { ...l, assetId: map(l.assetId) };
  return { ...document, layers: document.layers.map(layer) };
}
