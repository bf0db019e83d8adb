// Runs in: renderer. How a refine slider's input becomes undo steps (issue 16 #11): a pointer drag
// previews and commits once on release; arrow keys preview each press and commit the burst once, when
// the keys pause for KEY_BURST_MS or focus leaves ("Grow 6 px", not "Grow 1 px" six times); a typed
// number previews as typed and commits on Enter or when the box is left. A burst whose preview is gone
// by then (Escape dropped it, the selection closed) commits nothing.
import { useEffect, useRef, useState } from 'react';
import type { LayerId } from '../../src-shared/document/ids';
import { findSelection, getSelectionUi } from '../selection/api';
import { clearPreview, commitOp, previewOp } from './mask-op-actions';
import { SLIDERS, sliderOp, steppedValue, type SliderOp } from './mask-op-view';

export const KEY_BURST_MS = 700;

export interface SliderTarget {
  layerId: LayerId;
  kind: SliderOp;
  value: number;
  /** Commit when the gesture ends (grow, feather, smooth); false: only choose the value (islands). */
  commit: boolean;
  onValue: (kind: SliderOp, v: number) => void;
}

export function useSliderGesture(target: SliderTarget) {
  const latest = useRef(target);
  latest.current = target;
  const range = useRef<HTMLInputElement | null>(null);
  // The handlers read refs only, so one set serves every render (and the native listener below).
  const [gesture] = useState(() => makeGesture(latest));
  useEffect(() => {
    const el = range.current;
    // The native "change" fires on release (pointer, Home/End): the end of that gesture.
    el?.addEventListener('change', gesture.finish);
    return () => {
      el?.removeEventListener('change', gesture.finish);
      gesture.dispose();
    };
  }, [gesture]);
  return { ...gesture, range };
}

function makeGesture(latest: { readonly current: SliderTarget }) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: number | null = null;

  /** Preview `v` as the value to commit when the gesture ends. */
  const show = (v: number) => {
    const { layerId, kind, onValue } = latest.current;
    onValue(kind, v);
    pending = v;
    previewOp(layerId, sliderOp(kind, v));
  };

  /** End the gesture: one undo step for its last value (or none, when it changes nothing). */
  const finish = () => {
    clearTimeout(timer);
    timer = undefined;
    const v = pending;
    pending = null;
    const { layerId, kind, commit, onValue } = latest.current;
    if (v === null || !findSelection(layerId)) return;
    const op = sliderOp(kind, v);
    if (!commit || !op) return clearPreview();
    if (getSelectionUi().preview?.layerId !== layerId) return; // Escape dropped it: not this op
    commitOp(layerId, op);
    onValue(kind, SLIDERS[kind].rest);
  };

  return {
    show,
    finish,
    dispose: () => clearTimeout(timer),
    /** Arrow keys and PageUp/PageDown step the value itself (±1, ±10), one burst. */
    keyDown: (e: React.KeyboardEvent) => {
      const v = steppedValue(latest.current.kind, latest.current.value, e.key);
      if (v === null) return;
      e.preventDefault();
      show(v);
      clearTimeout(timer);
      timer = setTimeout(finish, KEY_BURST_MS);
    },
    /** Focus left: a burst in progress ends now; a stray preview goes. */
    blur: () => (timer !== undefined ? finish() : clearPreview()),
  };
}
