// Runs in: renderer. The DOM side of shortcuts: platform, "is the user typing?", and the accelerator
// helpers bound to this platform (the pure parts are in accelerator.ts).
import { matches, shortcutLabel } from './accelerator';

export const isMac = (): boolean => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export const matchesKey = (accelerator: string, e: KeyboardEvent): boolean => matches(accelerator, e, isMac());

/** "CmdOrCtrl+Shift+E" → "Ctrl+Shift+E", or "⇧⌘E" on macOS. */
export const shortcutText = (accelerator: string): string => shortcutLabel(accelerator, isMac());

/** Keys typed into a text field belong to the field, not to the editor. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color'].includes(target.type)
  );
}
