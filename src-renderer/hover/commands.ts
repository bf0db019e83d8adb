// Runs in: renderer. The hover preview's toggle. [Note: commands]
import type { Command } from '../core/commands/command';
import { toggleHoverPreview } from './hover-actions';

export const hoverCommands: readonly Command[] = [
  // Shift+S: the select tool's own option (S chooses the tool).
  {
    id: 'select.hoverPreview',
    label: 'Hover Preview On/Off',
    menu: 'edit',
    accelerator: 'Shift+S',
    isEnabled: () => true,
    run: toggleHoverPreview,
  },
];
