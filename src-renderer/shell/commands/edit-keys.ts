// Runs in: renderer. The selection commands (Photoshop's keys) and the two keys whose meaning depends on
// what is open (Escape, Enter), part of the one command list (registry.ts). [Note: one key, one action]
import type { EditorState } from '../../core/state/editor-store';
import { deleteSelection, deselect, invertSelection, selectAll } from '../../selection/select-commands';
import { pressEnter, pressEscape } from './escape-enter';
import type { Command } from '../../core/commands/command';

const hasDoc = (s: EditorState) => s.document !== null;

export const selectionCommands: readonly Command[] = [
  { id: 'edit.selectAll', label: 'Select All', menu: 'edit', accelerator: 'CmdOrCtrl+A', isEnabled: hasDoc, run: selectAll },
  { id: 'edit.deselect', label: 'Deselect', menu: 'edit', accelerator: 'CmdOrCtrl+D', isEnabled: hasDoc, run: deselect },
  { id: 'edit.invertSelection', label: 'Invert Selection', menu: 'edit', accelerator: 'CmdOrCtrl+Shift+I', isEnabled: hasDoc, run: invertSelection },
  {
    id: 'edit.delete',
    label: 'Delete Selection',
    menu: 'edit',
    // Shown by the native menu, handled here (registerAccelerator: false), so text fields keep their keys.
    accelerator: 'Delete',
    keys: ['Delete', 'Backspace'],
    isEnabled: hasDoc,
    run: deleteSelection,
  },
];

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
