// Runs in: renderer. Export's commands (File menu): the composite as PNG, the layers to a folder. [Note: commands]
import { hasDoc, idle, type Command } from '../core/commands/command';
import { openExportDialog } from './export-actions';
import { exportPng } from './export-png';

export const exportCommands: readonly Command[] = [
  {
    id: 'file.exportPng',
    label: 'Export PNG…',
    menu: 'file',
    accelerator: 'CmdOrCtrl+Shift+E',
    isEnabled: (s) => hasDoc(s) && idle(s),
    run: exportPng,
  },
  {
    id: 'file.exportLayers',
    label: 'Export Layers…',
    menu: 'file',
    accelerator: 'CmdOrCtrl+Alt+E',
    isEnabled: (s) => hasDoc(s) && idle(s),
    run: openExportDialog,
  },
];
