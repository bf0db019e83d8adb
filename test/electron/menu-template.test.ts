// Runs in: vitest (Node). Native menu template from the renderer's command registry.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { MenuEntry } from '../../src-shared/contract/payloads';
import { buildMenuTemplate, normalizeAccelerator } from '../../src-main/electron/menu-template';

const entries: MenuEntry[] = [
  { id: 'layer.delete', label: 'Delete Layer', menu: 'layer', enabled: false },
  { id: 'help.about', label: 'About Anyfill', menu: 'help', enabled: true },
  { id: 'file.open', label: 'Open…', menu: 'file', accelerator: 'CmdOrCtrl+O', enabled: true },
  { id: 'edit.undo', label: 'Undo', menu: 'edit', accelerator: 'CmdOrCtrl+Z', enabled: true },
  { id: 'edit.copyLayer', label: 'Copy', menu: 'edit', accelerator: 'CommandOrControl+c', enabled: true },
  { id: 'view.fit', label: 'Fit', menu: 'view', accelerator: 'CmdOrCtrl+0', enabled: true },
  { id: 'file.export', label: 'Export PNG…', menu: 'file', accelerator: 'CmdOrCtrl+E', enabled: true },
];
const sub = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[];
const ids = (item: MenuItemConstructorOptions | undefined) => sub(item).map((i) => i.id ?? i.role ?? i.type);

describe('buildMenuTemplate', () => {
  it('starts with Quit only (plus dev tools in development)', () => {
    const onCommand = vi.fn();
    expect(buildMenuTemplate(null, { platform: 'linux', isPackaged: true, onCommand })).toEqual([
      { label: '&File', submenu: [{ role: 'quit' }] },
    ]);
    const dev = buildMenuTemplate(null, { platform: 'win32', isPackaged: false, onCommand });
    expect(ids(dev[1])).toEqual(['reload', 'toggleDevTools']);
    expect(buildMenuTemplate(null, { platform: 'darwin', isPackaged: true, onCommand })).toEqual([{ role: 'appMenu' }]);
  });

  it('orders File, Edit, View, Layer, Help and keeps labels, accelerators and enabled flags', () => {
    const onCommand = vi.fn();
    const t = buildMenuTemplate(entries, { platform: 'linux', isPackaged: true, onCommand });
    expect(t.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Layer', '&Help']);
    expect(ids(t[0])).toEqual(['file.open', 'file.openRecent', 'file.export', 'separator', 'quit']);
    expect(sub(t[0])[0]).toMatchObject({ label: 'Open…', accelerator: 'CmdOrCtrl+O', registerAccelerator: false, enabled: true });
    expect(sub(t[3])[0]).toMatchObject({ id: 'layer.delete', enabled: false });
    expect(sub(t[3])[0]).not.toHaveProperty('accelerator');
    expect(ids(t[2])).toEqual(['view.fit', 'separator', 'togglefullscreen']);
  });

  it('lists recent files under File › Open Recent and sends the clicked index', () => {
    const onCommand = vi.fn();
    const recent = [
      { index: 0, name: 'truck.jpg' },
      { index: 1, name: 'R&D.png' },
    ];
    const t = buildMenuTemplate(entries, { platform: 'linux', isPackaged: true, onCommand, recent });
    const openRecent = sub(t[0]).find((i) => i.id === 'file.openRecent');
    expect(sub(openRecent).map((i) => i.label)).toEqual(['truck.jpg', 'R&&D.png']);
    (sub(openRecent)[1]!.click as (...a: unknown[]) => void)({}, undefined, {});
    expect(onCommand).toHaveBeenCalledWith('file.openRecent', undefined, 1);
    const none = buildMenuTemplate(entries, { platform: 'linux', isPackaged: true, onCommand });
    expect(sub(sub(none[0]).find((i) => i.id === 'file.openRecent'))).toEqual([{ label: 'No recent files', enabled: false }]);
  });

  it('sends the command id when clicked', () => {
    const onCommand = vi.fn();
    const t = buildMenuTemplate(entries, { platform: 'linux', isPackaged: true, onCommand });
    const open = sub(t[0])[0]!;
    (open.click as (...args: unknown[]) => void)({}, undefined, {});
    expect(onCommand).toHaveBeenCalledWith('file.open', undefined);
  });

  it('adds text-editing roles only for shortcuts the renderer has not claimed', () => {
    const t = buildMenuTemplate(entries, { platform: 'linux', isPackaged: true, onCommand: vi.fn() });
    expect(ids(t[1])).toEqual(['edit.undo', 'edit.copyLayer', 'separator', 'cut', 'paste', 'selectAll']);
  });

  it('offers dev tools only when not packaged', () => {
    const packaged = JSON.stringify(buildMenuTemplate(entries, { platform: 'linux', isPackaged: true, onCommand: vi.fn() }));
    const dev = JSON.stringify(buildMenuTemplate(entries, { platform: 'linux', isPackaged: false, onCommand: vi.fn() }));
    expect(packaged).not.toContain('toggleDevTools');
    expect(dev).toContain('toggleDevTools');
  });

  it('follows macOS conventions: app menu first, Quit there, Window before Help', () => {
    const t = buildMenuTemplate(entries, { platform: 'darwin', isPackaged: true, onCommand: vi.fn() });
    expect(t[0]).toEqual({ role: 'appMenu' });
    expect(ids(t[1])).toEqual(['file.open', 'file.openRecent', 'file.export']);
    expect(t.at(-2)).toEqual({ role: 'windowMenu' });
    expect(t.at(-1)).toMatchObject({ label: '&Help', role: 'help' });
  });

  it('omits empty menus', () => {
    const only: MenuEntry[] = [{ id: 'file.open', label: 'Open…', menu: 'file', enabled: true }];
    const t = buildMenuTemplate(only, { platform: 'linux', isPackaged: true, onCommand: vi.fn() });
    expect(t.map((m) => m.label)).toEqual(['&File', '&Edit', '&View']);
  });
});

describe('normalizeAccelerator', () => {
  it('treats modifier spellings and order as equal', () => {
    expect(normalizeAccelerator('CmdOrCtrl+Shift+Z')).toBe(normalizeAccelerator('shift+CommandOrControl+z'));
    expect(normalizeAccelerator('CmdOrCtrl+C')).not.toBe(normalizeAccelerator('CmdOrCtrl+V'));
  });
});
