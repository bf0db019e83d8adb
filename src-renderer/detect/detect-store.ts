// Runs in: renderer. The text-selection panel's own small store: the prompt, thresholds, the last run's
// numbered boxes and which are ticked. Not part of the document or its history (boxes are a proposal
// until accepted; accepting creates selection objects through the selection actions).
import { create } from 'zustand';
import type { AssetId } from '../../src-shared/document/ids';
import { DEFAULT_BOX_THRESHOLD, DEFAULT_TEXT_THRESHOLD, type Detection } from './detect-view';

export interface DetectRun {
  /** The image the boxes are on, and where its layer sits in the document. */
  readonly assetId: AssetId;
  readonly offset: { readonly x: number; readonly y: number };
  readonly text: string;
  readonly detections: readonly Detection[];
  readonly notices: readonly string[];
}

export interface DetectError {
  readonly message: string;
  /** NOT_FOUND: no detection (or SAM) pack installed; the panel offers the model manager. */
  readonly code: string;
}

export interface DetectState {
  readonly open: boolean;
  readonly text: string;
  readonly boxThreshold: number;
  readonly textThreshold: number;
  /** 'detecting' while detect.run is out; 'selecting' while the accepted boxes are segmented. */
  readonly phase: 'idle' | 'detecting' | 'selecting';
  readonly progress: string | null;
  readonly run: DetectRun | null;
  /** Indices (1-based, as numbered) of the ticked detections. */
  readonly checked: ReadonlySet<number>;
  readonly error: DetectError | null;
}

export const initialDetectState: DetectState = {
  open: false,
  text: '',
  boxThreshold: DEFAULT_BOX_THRESHOLD,
  textThreshold: DEFAULT_TEXT_THRESHOLD,
  phase: 'idle',
  progress: null,
  run: null,
  checked: new Set(),
  error: null,
};

export const useDetect = create<DetectState>()(() => initialDetectState);
export const getDetect = useDetect.getState;
export const setDetect = useDetect.setState;
