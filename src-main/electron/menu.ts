// Runs in: Electron main.
// The native application menu. The renderer sends its command registry (shell.setMenu); a click
// goes back to the renderer as the menu.command event, so commands run in one place only.
import { app, BrowserWindow, Menu, type BaseWindow } from 'electron';
import type { MenuEntry } from '../../src-shared/contract/payloads';
import { buildMenuTemplate } from './menu-template';

export interface AppMenu {
  setEntries(entries: readonly MenuEntry[]): void;
  setRecent(recent: ReadonlyArray<{ index: number; name: string }>): void;
}

/** Installs the minimal menu (Quit, dev tools in development) now; setEntries replaces it. */
export function createAppMenu(onCommand: (id: string, window: BrowserWindow, index?: number) => void): AppMenu {
  let current: readonly MenuEntry[] | null = null;
  let recent: ReadonlyArray<{ index: number; name: string }> = [];
  const dispatch = (id: string, clicked: BaseWindow | undefined, index?: number) => {
    // The focused window is the one the user is looking at; fall back to the one that owns the click.
    const target = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows().find((w) => w.id === clicked?.id) ?? null;
    if (target && !target.isDestroyed()) onCommand(id, target, index);
  };
  const install = (entries: readonly MenuEntry[] | null) => {
    current = entries;
    const opts = { platform: process.platform, isPackaged: app.isPackaged, onCommand: dispatch, recent };
    try {
      Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(entries, opts)));
    } catch (err) {
      // A malformed accelerator from the renderer must not leave the app without a menu.
      console.warn('[menu] rebuilding without accelerators:', err);
      const plain = entries?.map(({ accelerator: _dropped, ...rest }) => rest) ?? null;
      Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(plain, opts)));
    }
  };
  install(null);
  return {
    setEntries: (entries) => install(entries),
    setRecent: (list) => {
      recent = list;
      install(current);
    },
  };
}
