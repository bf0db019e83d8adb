// Runs in: renderer. Extend Canvas (outpainting). [Note: commands]
import { hasDoc, idle, type Command } from '../core/commands/command';
import { getJobs } from '../jobs/api';
import { openOutpaint } from './outpaint-actions';

export const outpaintCommands: readonly Command[] = [
  {
    id: 'edit.extendCanvas',
    label: 'Extend Canvas…',
    menu: 'edit',
    isEnabled: (s) => hasDoc(s) && idle(s) && getJobs().length === 0,
    run: openOutpaint,
  },
];
