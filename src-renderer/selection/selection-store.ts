// Runs in: renderer. View state of selections that is NOT in the document (never undone, never saved):
// which selection is open for more clicks, the last run's candidates, the live op preview, the brush
// settings, the rubber band, and the state of the segmentation engine.
import { create } from 'zustand';
import type { AssetId, LayerId } from '../../src-shared/document/ids';
import type { MaskOp } from '../../src-shared/document/selection';
import type { Candidate, PromptBox, SegmentRunResult } from '../core/bridge/segment-types';

export interface LastRun {
  readonly layerId: LayerId;
  readonly assetId: AssetId;
  readonly resultId: string;
  readonly packId: string;
  readonly placement: SegmentRunResult['placement'];
  readonly candidates: readonly Candidate[];
}

export interface BrushSettings {
  /** Image pixels. */
  readonly radius: number;
  readonly hardness: number;
  readonly mode: 'add' | 'erase';
}

export type SegmentEngineState =
  | { readonly state: 'idle' }
  | { readonly state: 'preparing' }
  | { readonly state: 'ready'; readonly packId: string }
  | { readonly state: 'failed'; readonly message: string; readonly modelMissing: boolean };

export interface SelectionUiState {
  readonly activeId: LayerId | null;
  readonly preview: { readonly layerId: LayerId; readonly ops: readonly MaskOp[] } | null;
  readonly lastRun: LastRun | null;
  readonly brush: BrushSettings;
  /** Rubber band of the select tool, in document pixels. */
  readonly band: PromptBox | null;
  /** Brush outline under the pointer, document pixels. */
  readonly cursor: { readonly x: number; readonly y: number } | null;
  /** The layer whose overlay the brush is painting live (the overlay hides its cached image meanwhile). */
  readonly stroking: LayerId | 'new' | null;
  readonly segment: SegmentEngineState;
  /** segment.run requests in flight. */
  readonly running: number;
}

export const initialSelectionUi: SelectionUiState = {
  activeId: null,
  preview: null,
  lastRun: null,
  brush: { radius: 24, hardness: 0.8, mode: 'add' },
  band: null,
  cursor: null,
  stroking: null,
  segment: { state: 'idle' },
  running: 0,
};

export const useSelectionUi = create<SelectionUiState>()(() => initialSelectionUi);
export const getSelectionUi = useSelectionUi.getState;
export const setSelectionUi = useSelectionUi.setState;
