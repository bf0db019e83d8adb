// Runs in: renderer. The document lifecycle's commands (File menu): open, save, close. [Note: commands]
import { hasDoc, idle, type Command } from '../core/commands/command';
import { closeDocument, openPicked } from './open-image';
import { saveProject } from './save-project';

export const projectCommands: readonly Command[] = [
  { id: 'file.open', label: 'Open…', menu: 'file', accelerator: 'CmdOrCtrl+O', isEnabled: idle, run: openPicked },
  {
    id: 'file.saveProject',
    label: 'Save Project…',
    menu: 'file',
    accelerator: 'CmdOrCtrl+S',
    isEnabled: (s) => hasDoc(s) && idle(s),
    // saveProject answers whether it saved (the unsaved-work question needs that); the command needs nothing.
    run: async () => {
      await saveProject();
    },
  },
  {
    id: 'file.close',
    label: 'Close Document',
    menu: 'file',
    separatorBefore: true,
    isEnabled: (s) => hasDoc(s) && idle(s),
    run: closeDocument,
  },
];
