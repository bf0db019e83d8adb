// Runs in: renderer. The SAM select tool and Select Everything. [Note: commands]
import { hasDoc, idle, type Command } from '../core/commands/command';
import { setTool } from '../core/state/view-actions';
import { selectEverything } from './select-everything';
import { prepareSegment } from './segment-status';

export const segmentCommands: readonly Command[] = [
  {
    id: 'edit.selectEverything',
    label: 'Select Everything',
    menu: 'edit',
    accelerator: 'CmdOrCtrl+Shift+A',
    isEnabled: (s) => hasDoc(s) && idle(s),
    run: selectEverything,
  },
  {
    id: 'tool.select',
    label: 'Select Tool',
    menu: 'edit',
    accelerator: 'S',
    isEnabled: hasDoc,
    // The embedding is computed in the background as soon as the tool is chosen.
    run: () => {
      setTool('select');
      void prepareSegment();
    },
  },
];
