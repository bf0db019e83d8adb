// Runs in: renderer. The plan shown before generating — which crop of the photo the model sees and at
// what resolution — asked of the engine (inpaint.plan) a moment after the selection stops changing.
// Latest wins: an answer for a selection that has changed since is dropped.
import type { SelectionLayer } from '../../src-shared/document/selection';
import { getApi, userMessage } from '../core/bridge/api';
import { getGenerate, setGenerate } from './generate-store';

const DEBOUNCE_MS = 200;
let timer: ReturnType<typeof setTimeout> | undefined;
let seq = 0;

/** Ask for the plan of `selection` grown by maskGrow px (null: no target, clear it). */
export function schedulePlan(selection: SelectionLayer | null, maskGrow = 0): void {
  clearTimeout(timer);
  const mine = ++seq;
  if (!selection) {
    if (getGenerate().plan || getGenerate().planError) setGenerate({ plan: null, planError: null });
    return;
  }
  const current = getGenerate().plan;
  if (current?.selection === selection && current.maskGrow === maskGrow) return;
  if (getGenerate().planError) setGenerate({ planError: null });
  timer = setTimeout(() => void ask(selection, maskGrow, mine), DEBOUNCE_MS);
}

async function ask(selection: SelectionLayer, maskGrow: number, mine: number): Promise<void> {
  try {
    const plan = await getApi().invoke('inpaint.plan', { assetId: selection.assetId, selection, maskGrow });
    if (mine === seq)
      setGenerate({ plan: { selection, cropRect: plan.cropRect, processingSize: plan.processingSize, maskGrow }, planError: null });
  } catch (err) {
    // An empty or whole-image mask has no plan: the panel says why (Generate would fail the same way).
    if (mine === seq) setGenerate({ plan: null, planError: userMessage(err, 'The crop for this selection could not be planned.') });
  }
}
