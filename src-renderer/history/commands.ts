// Runs in: renderer. Undo, redo and the history panel. [Note: commands]
import type { Command } from '../core/commands/command';
import { redo, undo } from '../core/state/document-actions';
import { canRedo, canUndo } from '../core/state/history';
import { toggleHistoryPanel } from './history-actions';

export const historyCommands: readonly Command[] = [
  { id: 'edit.undo', label: 'Undo', menu: 'edit', accelerator: 'CmdOrCtrl+Z', isEnabled: (s) => canUndo(s.history), run: undo },
  {
    id: 'edit.redo',
    label: 'Redo',
    menu: 'edit',
    accelerator: 'CmdOrCtrl+Shift+Z',
    keys: ['CmdOrCtrl+Shift+Z', 'Ctrl+Y'],
    isEnabled: (s) => canRedo(s.history),
    run: redo,
  },
  {
    id: 'view.history',
    label: 'Show History',
    menu: 'view',
    accelerator: 'CmdOrCtrl+Alt+H',
    separatorBefore: true,
    isEnabled: () => true,
    run: toggleHistoryPanel,
  },
];
