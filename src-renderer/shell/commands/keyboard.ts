// Runs in: renderer. Keyboard shortcuts and native-menu clicks, both routed to runCommand.
import { getApi } from '../../core/bridge/api';
import { openRecent } from '../../project/open-image';
import { keysOf } from '../../core/commands/command';
import { isTyping, matchesKey } from '../../core/commands/keys';
import { commands, runCommand } from './registry';
import { getState } from '../../core/state/editor-store';

export function onKeyDown(e: KeyboardEvent): void {
  if (e.defaultPrevented || isTyping(e.target)) return;
  for (const c of commands) {
    if (!keysOf(c).some((k) => matchesKey(k, e))) continue;
    if (c.runKey) {
      if (c.isEnabled(getState()) && c.runKey(e)) e.preventDefault();
      return;
    }
    // Claim the key even when the command is disabled, so Ctrl+O never opens the browser's own dialog.
    e.preventDefault();
    runCommand(c.id);
    return;
  }
}

export function installCommandInputs(): () => void {
  window.addEventListener('keydown', onKeyDown);
  // Native menu items show accelerators without registering them (the keys arrive here as keydown),
  // so a click is the only way a menu.command arrives.
  const off = getApi().on('menu.command', ({ id, index }) => {
    if (id === 'file.openRecent' && index !== undefined) void openRecent(index);
    else runCommand(id);
  });
  return () => {
    window.removeEventListener('keydown', onKeyDown);
    off();
  };
}
