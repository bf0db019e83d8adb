// Runs in: renderer. Select by text (Grounding DINO). [Note: commands]
import { hasDoc, type Command } from '../core/commands/command';
import { openDetectPanel } from './detect-actions';

export const detectCommands: readonly Command[] = [
  {
    id: 'edit.selectByText',
    label: 'Select by Text…',
    menu: 'edit',
    accelerator: 'CmdOrCtrl+F',
    separatorBefore: true,
    isEnabled: hasDoc,
    run: openDetectPanel,
  },
];
