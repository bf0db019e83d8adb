// Runs in: vitest (node; type-checked with the DOM types, as the registry reaches the bridge). The shortcut
// sheet is made from the real command registry: every key a command answers is listed, with the text the
// menus show, and no key belongs to two commands (one key, one action).
import { describe, expect, it } from 'vitest';
import { keysOf } from '../../../src-renderer/core/commands/command';
import { shortcutLabel } from '../../../src-renderer/core/commands/accelerator';
import { normalizeAccelerator } from '../../../src-main/electron/menu-template';
import { commands } from '../../../src-renderer/shell/commands/registry';
import { shortcutGroups } from '../../../src-renderer/shell/help/shortcut-rows';

const text = (acc: string) => shortcutLabel(acc, false);

describe('keyboard shortcut sheet', () => {
  const groups = shortcutGroups(commands, text);
  const rows = groups.flatMap((g) => g.rows);
  const row = (id: string) => rows.find((r) => r.id === id);

  it('lists every command that has a key, once, with every key it answers', () => {
    const keyed = commands.filter((c) => keysOf(c).length > 0);
    expect(rows.map((r) => r.id).sort()).toEqual(keyed.map((c) => c.id).sort());
    expect(row('edit.contentAwareFill')?.keys).toEqual(['Shift+Backspace', 'Shift+F5']);
    expect(row('edit.selectAll')?.keys).toEqual(['Ctrl+A']);
    expect(row('edit.deselect')?.keys).toEqual(['Ctrl+D']);
    expect(row('edit.invertSelection')?.keys).toEqual(['Ctrl+Shift+I']);
    expect(row('tool.select')?.keys).toEqual(['S']);
    expect(groups.find((g) => g.title === 'Keys')?.rows.map((r) => r.keys[0])).toEqual(['Escape', 'Enter']);
  });

  it('Delete and Backspace act on the selection; deleting a layer has no key', () => {
    expect(row('edit.delete')?.keys).toEqual(['Del', 'Backspace']);
    expect(row('layer.delete')).toBeUndefined();
  });

  it('no key is claimed by two commands', () => {
    const owners = new Map<string, string>();
    for (const c of commands) {
      for (const k of keysOf(c)) {
        const n = normalizeAccelerator(k);
        expect(owners.get(n), `${k}: ${owners.get(n)} and ${c.id}`).toBeUndefined();
        owners.set(n, c.id);
      }
    }
  });

  it('menus show the key the README names for Content-Aware Fill', () => {
    expect(commands.find((c) => c.id === 'edit.contentAwareFill')?.accelerator).toBe('Shift+Backspace');
  });
});
