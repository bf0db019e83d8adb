// Runs in: renderer. A click's reply carries the chosen candidate's logits only (what its frame shows);
// the others' logits, for the candidate thumbnails and for picking one, are fetched once that frame is
// painted (segment.candidates) and merged into the last answer; picking one waits for them if need be.
import { getApi, userMessage } from '../core/bridge/api';
import { showError } from '../core/state/messages';
import { findSelection, updateSelection } from './selection-actions';
import { getSelectionUi, setSelectionUi } from './selection-store';

/** One fetch per answer at a time: the thumbnails and a pick may both ask. */
const loading = new Map<string, Promise<void>>();

/** Fill in the last answer's missing candidate logits (no-op when it has them all or has changed). */
export function loadCandidateLogits(): Promise<void> {
  const run = getSelectionUi().lastRun;
  if (!run || run.candidates.every((c) => c.logits)) return Promise.resolve();
  const pending = loading.get(run.resultId);
  if (pending) return pending;
  const { resultId, assetId } = run;
  const p = getApi()
    .invoke('segment.candidates', { resultId, assetId })
    .then(({ candidates }) => {
      const now = getSelectionUi().lastRun;
      if (now?.resultId !== resultId) return;
      const byIndex = new Map(candidates.map((c) => [c.index, c.logits]));
      setSelectionUi({
        lastRun: { ...now, candidates: now.candidates.map((c) => (c.logits ? c : { ...c, logits: byIndex.get(c.index) })) },
      });
    })
    .finally(() => loading.delete(resultId));
  loading.set(resultId, p);
  return p;
}

/** Pick another multimask candidate of the last answer: one undo step (its logits fetched first if need be). */
export function pickCandidate(index: number): void {
  const pick = () => {
    const last = getSelectionUi().lastRun;
    const layer = findSelection(last?.layerId);
    if (!last || !layer || layer.sam?.resultId !== last.resultId) return false;
    const c = last.candidates.find((x) => x.index === index);
    if (!c || layer.sam.candidateIndex === index) return true;
    if (!c.logits) return false;
    updateSelection(
      layer.id,
      (d) => {
        d.sam = { packId: last.packId, resultId: last.resultId, candidateIndex: c.index, logits: c.logits!, placement: last.placement };
      },
      'Select: pick candidate',
    );
    return true;
  };
  if (pick()) return;
  loadCandidateLogits().then(pick, (err: unknown) => showError(userMessage(err, 'That candidate is no longer available; click again.')));
}
