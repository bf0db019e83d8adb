// Runs in: renderer. Generative fill. [Note: commands]
import type { Command } from '../core/commands/command';
import { canGenerate, generateFill } from './generate-actions';

export const generateCommands: readonly Command[] = [
  // Runs what the Generative fill panel holds (an empty prompt removes); no key: Enter in its prompt does it.
  { id: 'edit.generativeFill', label: 'Generative Fill', menu: 'edit', isEnabled: canGenerate, run: generateFill },
];
