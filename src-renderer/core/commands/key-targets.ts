// Runs in: renderer. The handlers the Escape/Enter commands may call that live inside components: the open
// in-page menu, the canvas's tool manager and a mask-op slider's preview register theirs here while they
// can act, so the priority decision (key-priority.ts) sees what is open without its own key listeners.
import { create } from 'zustand';

export interface KeyTargets {
  /** Closes the open in-page menu; null while none is open. */
  readonly closeMenu: (() => void) | null;
  /** Ends the tool's gesture (undoing what it did so far); set while the canvas is mounted. */
  readonly cancelGesture: (() => void) | null;
  /** Drops the live mask-op preview and puts its slider back; null while nothing is previewed. */
  readonly cancelPreview: (() => void) | null;
}

export const useKeyTargets = create<KeyTargets>()(() => ({ closeMenu: null, cancelGesture: null, cancelPreview: null }));
export const getKeyTargets = useKeyTargets.getState;

/** Register `fn` under `name` until the returned function is called (a React effect's cleanup). */
export function registerKeyTarget(name: keyof KeyTargets, fn: () => void): () => void {
  useKeyTargets.setState({ [name]: fn });
  return () => {
    if (getKeyTargets()[name] === fn) useKeyTargets.setState({ [name]: null });
  };
}
