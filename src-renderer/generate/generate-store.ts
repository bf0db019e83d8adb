// Runs in: renderer. Generative fill's transient state: the plan shown before generating (crop rectangle
// and processing size) and the candidates being compared. None of it is in the document: only Apply
// changes the document, in one undo step.
import { create } from 'zustand';
import type { AssetInfo } from '../../src-shared/contract/payloads';
import type { Rect } from '../../src-shared/masks';
import type { DocumentId, LayerId } from '../../src-shared/document/ids';
import type { Provenance } from '../../src-shared/document/provenance';

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface GeneratePlan {
  /** The selection object as it was asked about (a changed selection asks again). */
  readonly selection: unknown;
  readonly cropRect: Rect;
  readonly processingSize: Size;
  /** Pixels the mask was grown by for this plan (shown with the crop). */
  readonly maskGrow: number;
}

export interface Candidate {
  readonly asset: AssetInfo;
  readonly url: string;
  readonly proxyWidth: number;
  readonly proxyHeight: number;
  /** Where the patch sits on its image, in image pixels. */
  readonly x: number;
  readonly y: number;
  readonly seed: number;
  /** Its pipeline log, stored on the layer when it is applied. */
  readonly provenance?: Provenance;
}

export interface GenerateResults {
  readonly docId: DocumentId;
  readonly selectionId: LayerId;
  /** "Generative fill: red" or "Remove": the layer's name on Apply. */
  readonly title: string;
  readonly candidates: readonly Candidate[];
  readonly cropRect: Rect;
  readonly processingSize: Size;
  /** Index of the candidate shown on the canvas. */
  readonly chosen: number;
}

export interface GenerateState {
  readonly plan: GeneratePlan | null;
  /** Why the target selection has no plan (an empty mask, one covering the whole image). */
  readonly planError: string | null;
  readonly results: GenerateResults | null;
  /** The original is shown instead of the candidate (the \ key or the button held). */
  readonly peek: boolean;
  /** The compare divider across the crop, 0 (candidate everywhere) … 1 (original everywhere). */
  readonly split: number;
  /** A generation from this panel is running (its job is in the jobs bar). */
  readonly running: boolean;
  /** What the 77-token limit cut from the last prompt, shown under the prompt. */
  readonly promptNotice: string | null;
}

export const useGenerate = create<GenerateState>()(() => ({
  plan: null,
  planError: null,
  results: null,
  peek: false,
  split: 0,
  running: false,
  promptNotice: null,
}));
export const getGenerate = useGenerate.getState;
export const setGenerate = (s: Partial<GenerateState>): void => useGenerate.setState(s);
