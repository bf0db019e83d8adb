// Runs in: renderer. Content-aware fill. [Note: commands]
import { hasDoc, type Command } from '../core/commands/command';
import { getJobs } from '../jobs/api';
import { targetSelection } from '../selection/api';
import { contentAwareFill } from './fill-actions';

export const fillCommands: readonly Command[] = [
  {
    id: 'edit.contentAwareFill',
    label: 'Content-Aware Fill',
    menu: 'edit',
    // Shift+Backspace as in Photoshop (the native menu only shows it: the renderer handles the keys).
    accelerator: 'Shift+Backspace',
    keys: ['Shift+Backspace', 'Shift+F5'],
    separatorBefore: true,
    isEnabled: (s) => hasDoc(s) && getJobs().length === 0 && targetSelection() !== null,
    run: contentAwareFill,
  },
];
