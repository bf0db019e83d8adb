// Runs in: renderer. Invert Selection (Ctrl+Shift+I): one undo step, like the Refine panel's Invert.
// [Note: commands]
import { hasDoc, type Command } from '../core/commands/command';
import { showNotice } from '../core/state/messages';
import { commandSelection } from '../selection/api';
import { commitOp } from './mask-op-actions';

/** Invert the open (or active) selection. */
export function invertSelection(): void {
  const sel = commandSelection();
  if (!sel) {
    showNotice('Nothing to invert: select something first (or Ctrl+A for everything).');
    return;
  }
  commitOp(sel.id, { kind: 'invert' });
}

export const maskOpCommands: readonly Command[] = [
  {
    id: 'edit.invertSelection',
    label: 'Invert Selection',
    menu: 'edit',
    accelerator: 'CmdOrCtrl+Shift+I',
    isEnabled: hasDoc,
    run: invertSelection,
  },
];
