// Runs in: renderer. The model manager's command. [Note: commands]
import type { Command } from '../core/commands/command';
import { openModelManager } from './model-actions';

export const modelCommands: readonly Command[] = [
  // Model packs for the AI tools; open at any time, downloads go on in the background.
  {
    id: 'models.open',
    label: 'Models…',
    menu: 'file',
    accelerator: 'CmdOrCtrl+Shift+M',
    separatorBefore: true,
    isEnabled: () => true,
    run: openModelManager,
  },
];
