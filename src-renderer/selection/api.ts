// Runs in: renderer. What other features may use of selection/ (the floors: a feature reaches another only here).
export { loadCandidateLogits } from './candidate-logits';
export { maskBoundsCanvas, maskCanvas } from './colourize';
export { decodeLogitsNow, previewMask, previewMaskNow, previewSize } from './preview-mask';
export { buildRunRequest, clipBox, isDrag, withBox, withPoint } from './prompt';
export type { Prompt } from './prompt';
export { sharedSamMask } from './sam-masks';
export { commandSelection, deselect } from './select-commands';
export {
  createSelection,
  findSelection,
  getActiveSelection,
  setActiveSelection,
  setSelectionPreview,
  updateSelection,
} from './selection-actions';
export { getSelectionUi, setSelectionUi, useSelectionUi } from './selection-store';
export { targetSelection, useTargetSelection } from './target';
