// Runs in: renderer. What the text-selection panel does: run Grounding DINO on the bottom image, then turn
// every ticked box into its own selection object (SAM with that box). Accepting segments every box first
// and only then touches the document, inside one history gesture: a failure leaves nothing half-made,
// and all the new selections are one undo step.
import type { ImageLayer } from '../../src-shared/document/types';
import { errorData, getApi, userMessage } from '../core/bridge/api';
import { openModelManager } from '../models/api';
import { createSelection } from '../selection/api';
import { beginDocumentGesture, cancelDocumentGesture, endDocumentGesture } from '../core/state/document-actions';
import { getState } from '../core/state/editor-store';
import { showError, showNotice } from '../core/state/messages';
import { getDetect, initialDetectState, setDetect } from './detect-store';
import {
  acceptHistoryLabel,
  allTicked,
  progressText,
  selectionInitOf,
  thresholdFromSlider,
  tickedDetections,
  type SelectionInit,
} from './detect-view';

/** The image text detection looks at: the bottom image layer (the photo being edited). */
export function detectTarget(): ImageLayer | null {
  const layers = getState().document?.layers ?? [];
  for (const l of layers) if (l.kind === 'image') return l;
  return null;
}

export function openDetectPanel(): void {
  setDetect({ open: true });
  // Focus the prompt once React has shown it (Ctrl+F lands the user in the field).
  requestAnimationFrame(() => document.querySelector<HTMLInputElement>('[data-testid="detect-input"]')?.focus());
}

export function closeDetectPanel(): void {
  runSeq++; // an answer still on its way is dropped
  setDetect({
    ...initialDetectState,
    text: getDetect().text,
    boxThreshold: getDetect().boxThreshold,
    textThreshold: getDetect().textThreshold,
  });
}

export const setPromptText = (text: string): void => setDetect({ text });
export const setBoxThreshold = (slider: number): void => setDetect({ boxThreshold: thresholdFromSlider(slider) });
export const setTextThreshold = (slider: number): void => setDetect({ textThreshold: thresholdFromSlider(slider) });

export function toggleDetection(index: number): void {
  const checked = new Set(getDetect().checked);
  if (checked.has(index)) checked.delete(index);
  else checked.add(index);
  setDetect({ checked });
}

export function openModelsFromDetect(): void {
  openModelManager();
}

let runSeq = 0;

/** detect.run on the bottom image; the latest run wins. Errors (empty prompt, no pack) stay in the panel. */
export async function runDetect(): Promise<void> {
  const target = detectTarget();
  const { text, boxThreshold, textThreshold, phase } = getDetect();
  if (phase === 'selecting') return;
  if (!target) {
    setDetect({ error: { code: 'BAD_REQUEST', message: 'Open an image first.' } });
    return;
  }
  const seq = ++runSeq;
  setDetect({ phase: 'detecting', progress: 'Looking…', error: null });
  try {
    const res = await getApi().invoke('detect.run', { assetId: target.assetId, text, boxThreshold, textThreshold });
    if (seq !== runSeq) return;
    setDetect({
      phase: 'idle',
      progress: null,
      run: { assetId: target.assetId, offset: { x: target.x, y: target.y }, text, detections: res.detections, notices: res.notices },
      checked: allTicked(res.detections),
    });
  } catch (err) {
    if (seq !== runSeq) return;
    setDetect({
      phase: 'idle',
      progress: null,
      run: null,
      checked: new Set(),
      error: { code: errorData(err).code, message: userMessage(err) },
    });
  }
}

/** Each ticked detection → segment.run with its box → its own selection object; all one undo step. */
export async function acceptDetections(): Promise<void> {
  const { run, checked, phase } = getDetect();
  if (!run || phase !== 'idle') return;
  const picked = tickedDetections(run.detections, checked);
  if (picked.length === 0) return;
  const docId = getState().document?.id;
  const seq = ++runSeq;
  const inits: SelectionInit[] = [];
  setDetect({ phase: 'selecting', progress: progressText(0, picked.length), error: null });
  try {
    for (let i = 0; i < picked.length; i++) {
      const d = picked[i]!;
      setDetect({ progress: progressText(i, picked.length) });
      const seg = await getApi().invoke('segment.run', { assetId: run.assetId, points: [], box: d.box, multimask: true });
      if (seq !== runSeq) return; // closed or re-run meanwhile: nothing was added
      inits.push(selectionInitOf(run.assetId, d, seg));
    }
  } catch (err) {
    if (seq !== runSeq) return;
    setDetect({ phase: 'idle', progress: null, error: { code: errorData(err).code, message: userMessage(err) } });
    return;
  }
  const doc = getState().document;
  if (!doc || doc.id !== docId || !doc.layers.some((l) => l.kind === 'image' && l.assetId === run.assetId)) {
    setDetect({
      phase: 'idle',
      progress: null,
      error: { code: 'BAD_REQUEST', message: 'The image changed while selecting; run the search again.' },
    });
    return;
  }
  beginDocumentGesture(acceptHistoryLabel(inits.length));
  try {
    for (const init of inits) createSelection(init);
    endDocumentGesture();
  } catch (err) {
    cancelDocumentGesture(); // nothing half-made: every selection of this accept is rolled back
    setDetect({ phase: 'idle', progress: null });
    showError(userMessage(err));
    return;
  }
  setDetect({ phase: 'idle', progress: null, run: null, checked: new Set() });
  showNotice(inits.length === 1 ? `Selected "${inits[0]!.name}".` : `Selected ${inits.length} objects.`);
}
