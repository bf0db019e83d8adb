// Runs in: renderer. Comparing candidates and keeping one: choosing and peeking only change what the
// canvas shows (no document change, no undo entry); Apply puts the chosen candidate on a new layer right
// above its photo and hides the selection's tint in ONE undo step; Discard releases every candidate.
import { commitResultLayer } from '../jobs/api';
import { findSelection } from '../selection/api';
import { release } from '../core/images/proxy';
import { imageLayerOf } from '../core/viewport/geometry';
import { getState } from '../core/state/editor-store';
import { getGenerate, setGenerate } from './generate-store';

export function chooseCandidate(index: number): boolean {
  const r = getGenerate().results;
  if (!r || index < 0 || index >= r.candidates.length) return false;
  setGenerate({ results: { ...r, chosen: index } });
  return true;
}

export const setPeek = (peek: boolean): void => {
  if (getGenerate().peek !== peek) setGenerate({ peek });
};

export const setSplit = (split: number): void => setGenerate({ split: Math.min(1, Math.max(0, split)) });

/** Drop the candidates (their assets are released in the engine). */
export function discardResults(): void {
  const r = getGenerate().results;
  if (!r) return;
  setGenerate({ results: null, peek: false, split: 0 });
  release(r.candidates.map((c) => c.asset.id));
}

/** The chosen candidate becomes a layer; false (and the candidates dropped) when its photo is gone. */
export function applyCandidate(): boolean {
  const r = getGenerate().results;
  const doc = getState().document;
  if (!r) return false;
  const selection = findSelection(r.selectionId);
  const image = selection && doc?.id === r.docId ? imageLayerOf(doc, selection.assetId) : null;
  const c = r.candidates[r.chosen];
  if (!image || !c) {
    discardResults();
    return false;
  }
  const landed = {
    asset: c.asset,
    url: c.url,
    proxyWidth: c.proxyWidth,
    proxyHeight: c.proxyHeight,
    x: image.x + c.x,
    y: image.y + c.y,
    name: `${r.title} (seed ${c.seed})`,
    ...(c.provenance ? { provenance: c.provenance } : {}),
  };
  // The history step says what made the layer; a bare "Remove" would not.
  const done = commitResultLayer(r.title === 'Remove' ? 'Generative remove' : r.title, image, landed, r.selectionId);
  setGenerate({ results: null, peek: false, split: 0 });
  release(r.candidates.filter((x) => x !== c).map((x) => x.asset.id));
  return done;
}
