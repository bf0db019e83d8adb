// Runs in: renderer (Electron only). Mirrors the command registry into the native menu: once at start
// and again whenever a label or enabled-ness changes.
import type { MenuEntry } from '../../../src-shared/contract/payloads';
import { getApi } from '../../core/bridge/api';
import { useEditor, type EditorState } from '../../core/state/editor-store';
import { inMenus } from '../../core/commands/command';
import { commands } from './registry';

export function menuEntries(state: EditorState): MenuEntry[] {
  return commands.filter(inMenus).map((c) => ({
    id: c.id,
    label: c.label,
    menu: c.menu,
    enabled: c.isEnabled(state),
    ...(c.accelerator ? { accelerator: c.accelerator } : {}),
  }));
}

export function syncNativeMenu(): () => void {
  const api = getApi();
  if (api.host !== 'electron') return () => undefined;
  let sent = '';
  const push = (state: EditorState) => {
    const entries = menuEntries(state);
    const key = JSON.stringify(entries);
    if (key === sent) return;
    sent = key;
    api.invoke('shell.setMenu', { entries }).catch((err: unknown) => console.warn('[anyfill] menu update failed', err));
  };
  push(useEditor.getState());
  return useEditor.subscribe(push);
}
