// Runs in: renderer. The hover preview's state (view only: never in the document, never undone): whether
// it is on (a preference, kept in localStorage, default on) and the mask now shown under the pointer.
import { create } from 'zustand';
import type { AssetId } from '../../src-shared/document/ids';
import type { SegmentRunResult } from '../core/bridge/segment-types';

const PREF_KEY = 'anyfill.hoverPreview';

/** What the canvas draws: the coloured mask's bounding box, where it sits in preview pixels, and its scale. */
export interface HoverShown {
  readonly assetId: AssetId;
  /** The answer's chosen logits (decoded) and their placement: the test hook resamples them at any size. */
  readonly logits: Float32Array;
  readonly placement: SegmentRunResult['placement'];
  readonly canvas: HTMLCanvasElement;
  readonly rect: { readonly x: number; readonly y: number; readonly width: number; readonly height: number };
  /** Preview pixels per image pixel. */
  readonly scale: number;
}

export interface HoverState {
  readonly enabled: boolean;
  readonly shown: HoverShown | null;
}

function readPref(): boolean {
  try {
    return globalThis.localStorage?.getItem(PREF_KEY) !== 'off';
  } catch {
    return true; // storage blocked: the default
  }
}

export const useHover = create<HoverState>()(() => ({ enabled: readPref(), shown: null }));
export const getHover = useHover.getState;
export const setHover = useHover.setState;

export function saveHoverPref(enabled: boolean): void {
  try {
    globalThis.localStorage?.setItem(PREF_KEY, enabled ? 'on' : 'off');
  } catch {
    // Not remembered across restarts; the toggle still works now.
  }
}
