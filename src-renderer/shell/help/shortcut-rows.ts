// Runs in: renderer (pure, no DOM: unit-tested in Node). The shortcut sheet's rows, made from the command
// registry itself: every command with a key, grouped as the menus group them, each key as the menus write it.
import { keysOf, type Command } from '../../core/commands/command';

export interface ShortcutGroup {
  readonly title: string;
  readonly rows: ReadonlyArray<{ readonly id: string; readonly label: string; readonly keys: readonly string[] }>;
}

const MENU_TITLES: Record<Command['menu'], string> = { file: 'File', edit: 'Edit', view: 'View', layer: 'Layer', help: 'Help' };

/** Groups in registry order; `label` turns an accelerator into the text shown ("Ctrl+Shift+I"). */
export function shortcutGroups(commands: readonly Command[], label: (accelerator: string) => string): ShortcutGroup[] {
  const groups = new Map<string, Array<ShortcutGroup['rows'][number]>>();
  for (const c of commands) {
    const keys = keysOf(c);
    if (keys.length === 0) continue;
    const title = c.group ?? MENU_TITLES[c.menu];
    const rows = groups.get(title) ?? [];
    rows.push({ id: c.id, label: c.label, keys: [...new Set(keys.map(label))] });
    groups.set(title, rows);
  }
  return [...groups].map(([title, rows]) => ({ title, rows }));
}
