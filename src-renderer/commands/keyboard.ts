// Runs in: renderer. Keyboard shortcuts and native-menu clicks, both routed to runCommand.
import { getApi } from '../bridge/api';
import { keysOf } from './command';
import { isTyping, matchesKey } from './keys';
import { commands, runCommand } from './registry';

/**
 * If Electron's menu also registers an accelerator, one key press reaches us twice (keydown and
 * menu.command). Running a command a second time within this window from the menu is ignored.
 */
const DEDUPE_MS = 400;
let last = { id: '', at: 0 };

export function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented || isTyping(e.target)) return;
  for (const c of commands) {
    if (!keysOf(c).some((k) => matchesKey(k, e))) continue;
    // Claim the key even when the command is disabled, so Ctrl+O never opens the browser's own dialog.
    e.preventDefault();
    runCommand(c.id);
    last = { id: c.id, at: performance.now() };
    return;
  }
}

export function installCommandInputs(): () => void {
  window.addEventListener('keydown', onKeyDown);
  const off = getApi().on('menu.command', ({ id }) => {
    if (id === last.id && performance.now() - last.at < DEDUPE_MS) return;
    runCommand(id);
  });
  return () => {
    window.removeEventListener('keydown', onKeyDown);
    off();
  };
}
