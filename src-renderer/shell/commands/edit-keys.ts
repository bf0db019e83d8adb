// Runs in: renderer. The two keys whose meaning depends on what is open (Escape, Enter), part of the one
// command list (registry.ts). [Note: one key, one action]
import { pressEnter, pressEscape } from './escape-enter';
import type { Command } from '../../core/commands/command';

export const keyCommands: readonly Command[] = [
  {
    id: 'key.escape',
    label: 'Close menu or dialog · end the gesture · cancel the job · deselect (first that applies)',
    menu: 'edit',
    group: 'Keys',
    inMenu: false,
    accelerator: 'Escape',
    isEnabled: () => true,
    run: () => void pressEscape(),
    runKey: (e) => pressEscape(e.target),
  },
  {
    id: 'key.enter',
    label: 'Apply the candidate · finish the selection',
    menu: 'edit',
    group: 'Keys',
    inMenu: false,
    accelerator: 'Enter',
    isEnabled: () => true,
    run: () => void pressEnter(),
    runKey: (e) => pressEnter(e.target),
  },
];
