// Runs in: renderer. The selection commands (Photoshop's keys), the magic wand and the selection brush.
// [Note: commands]
import { hasDoc, type Command } from '../core/commands/command';
import { setTool } from '../core/state/view-actions';
import { deleteSelection, deselect, selectAll } from './select-commands';
import { getSelectionUi } from './selection-store';
import { setBrushMode, stepBrush } from './tool-actions';

export const selectionCommands: readonly Command[] = [
  { id: 'edit.selectAll', label: 'Select All', menu: 'edit', accelerator: 'CmdOrCtrl+A', isEnabled: hasDoc, run: selectAll },
  { id: 'edit.deselect', label: 'Deselect', menu: 'edit', accelerator: 'CmdOrCtrl+D', isEnabled: hasDoc, run: deselect },
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
  { id: 'tool.wand', label: 'Magic Wand', menu: 'edit', accelerator: 'W', isEnabled: hasDoc, run: () => setTool('wand') },
  { id: 'tool.brush', label: 'Selection Brush', menu: 'edit', accelerator: 'B', isEnabled: hasDoc, run: () => setTool('brush') },
  { id: 'brush.smaller', label: 'Smaller Brush', menu: 'edit', accelerator: '[', isEnabled: () => true, run: () => stepBrush(-1) },
  { id: 'brush.bigger', label: 'Bigger Brush', menu: 'edit', accelerator: ']', isEnabled: () => true, run: () => stepBrush(1) },
  {
    id: 'brush.toggleErase',
    label: 'Brush: Add / Erase',
    menu: 'edit',
    accelerator: 'E',
    isEnabled: () => true,
    run: () => setBrushMode(getSelectionUi().brush.mode === 'add' ? 'erase' : 'add'),
  },
];
