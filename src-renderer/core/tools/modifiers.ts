// Runs in: renderer (pure). Photoshop's selection modifiers, the same in every selection tool: a plain
// click starts a new selection, Shift adds to the open one, Alt (or the right button) subtracts from it.

export type SelectMode = 'new' | 'add' | 'subtract';

export function selectModeOf(e: { readonly button: number; readonly shiftKey: boolean; readonly altKey?: boolean }): SelectMode {
  if (e.button === 2 || e.altKey) return 'subtract';
  return e.shiftKey ? 'add' : 'new';
}
