// Runs in: Electron main.
// Pure: only type imports from electron, so it is unit-tested in test/electron/menu-template.test.ts.
// Turns the renderer's command registry (MenuEntry[]) into a native menu template. The renderer owns
// what the commands do; main only adds the roles the OS expects (app menu, quit, text editing).
import type { BaseWindow, MenuItemConstructorOptions } from 'electron';
import type { MenuEntry } from '../../src-shared/contract/payloads';

export interface MenuTemplateOptions {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  onCommand: (id: string, window: BaseWindow | undefined, index?: number) => void;
  /** Recently opened files (names only), shown under File › Open Recent. */
  recent?: ReadonlyArray<{ index: number; name: string }>;
}

/** The renderer's open command; Open Recent goes right after it. */
const OPEN_ID = 'file.open';

const MENUS = [
  ['file', '&File'],
  ['edit', '&Edit'],
  ['view', '&View'],
  ['layer', '&Layer'],
  ['help', '&Help'],
] as const;

/** Text-editing roles keep copy/paste working in inputs (macOS needs them in the menu). */
const EDIT_ROLES = [
  ['cut', 'CmdOrCtrl+X'],
  ['copy', 'CmdOrCtrl+C'],
  ['paste', 'CmdOrCtrl+V'],
  ['selectAll', 'CmdOrCtrl+A'],
] as const;

/** entries === null: the renderer has not sent its registry yet, so only the essentials. */
export function buildMenuTemplate(entries: readonly MenuEntry[] | null, opts: MenuTemplateOptions): MenuItemConstructorOptions[] {
  const isMac = opts.platform === 'darwin';
  const devItems: MenuItemConstructorOptions[] = opts.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }];
  const template: MenuItemConstructorOptions[] = isMac ? [{ role: 'appMenu' }] : [];
  if (entries === null) {
    if (!isMac) template.push({ label: '&File', submenu: [{ role: 'quit' }] });
    if (devItems.length > 0) template.push({ label: '&View', submenu: devItems.slice(1) });
    return template;
  }
  for (const [menu, label] of MENUS) {
    const items: MenuItemConstructorOptions[] = entries.filter((e) => e.menu === menu).map((e) => toItem(e, opts));
    if (menu === 'file') insertRecent(items, opts);
    if (menu === 'file' && !isMac) items.push(...separated([{ role: 'quit' }], items));
    if (menu === 'edit') items.push(...separated(editRoles(entries), items));
    if (menu === 'view') items.push(...separated([{ role: 'togglefullscreen' }], items), ...devItems);
    if (menu === 'help' && isMac) template.push({ role: 'windowMenu' });
    if (items.length > 0) template.push({ label, submenu: items, ...(menu === 'help' && isMac ? { role: 'help' as const } : {}) });
  }
  return template;
}

function toItem(entry: MenuEntry, opts: MenuTemplateOptions): MenuItemConstructorOptions {
  return {
    id: entry.id,
    label: entry.label,
    enabled: entry.enabled,
    // The renderer handles the keys itself (and ignores them while typing); the menu only shows them.
    ...(entry.accelerator ? { accelerator: entry.accelerator, registerAccelerator: false } : {}),
    click: (_item, window) => opts.onCommand(entry.id, window),
  };
}

function insertRecent(items: MenuItemConstructorOptions[], opts: MenuTemplateOptions): void {
  const recent = opts.recent ?? [];
  const submenu: MenuItemConstructorOptions[] = recent.length
    ? recent.map((r) => ({ label: r.name.replace(/&/g, '&&'), click: (_i, w) => opts.onCommand('file.openRecent', w, r.index) }))
    : [{ label: 'No recent files', enabled: false }];
  const at = items.findIndex((i) => i.id === OPEN_ID);
  items.splice(at === -1 ? 0 : at + 1, 0, { id: 'file.openRecent', label: 'Open &Recent', submenu });
}

/** Roles whose shortcut the renderer has not claimed for one of its own commands. */
function editRoles(entries: readonly MenuEntry[]): MenuItemConstructorOptions[] {
  const claimed = new Set(entries.flatMap((e) => (e.accelerator ? [normalizeAccelerator(e.accelerator)] : [])));
  return EDIT_ROLES.filter(([, acc]) => !claimed.has(normalizeAccelerator(acc))).map(([role]) => ({ role }));
}

function separated(extra: MenuItemConstructorOptions[], before: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return extra.length > 0 && before.length > 0 ? [{ type: 'separator' }, ...extra] : extra;
}

/** "CmdOrCtrl+Shift+z" and "CommandOrControl+Shift+Z" name the same shortcut. */
export function normalizeAccelerator(acc: string): string {
  return acc
    .split('+')
    .map((k) => k.trim().toLowerCase())
    .map((k) => (['cmdorctrl', 'commandorcontrol', 'ctrl', 'control', 'cmd', 'command', 'super', 'meta'].includes(k) ? 'mod' : k))
    .sort()
    .join('+');
}
