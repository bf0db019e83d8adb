// Runs in: renderer (browser host). The in-page menu bar, built from the command registry; in Electron the
// native menu shows the same commands instead (shell/commands/native-menu.ts).
import { useEffect, useRef, useState } from 'react';
import { inMenus, type MenuName } from '../core/commands/command';
import { registerKeyTarget } from '../core/commands/key-targets';
import { shortcutText } from '../core/commands/keys';
import { commands, runCommand } from './commands/registry';
import { useEditor } from '../core/state/editor-store';

const MENUS: { name: MenuName; label: string }[] = [
  { name: 'file', label: 'File' },
  { name: 'edit', label: 'Edit' },
  { name: 'view', label: 'View' },
  { name: 'layer', label: 'Layer' },
  { name: 'help', label: 'Help' },
];

function MenuItems({ menu, onDone }: { menu: MenuName; onDone: () => void }) {
  const state = useEditor((s) => s);
  return (
    <div className="menu-popup" role="menu">
      {commands
        .filter((c) => c.menu === menu && inMenus(c))
        .map((c) => (
          <div key={c.id}>
            {c.separatorBefore && <div className="menu-sep" role="separator" />}
            <button
              type="button"
              role="menuitem"
              className="menu-item"
              data-command={c.id}
              disabled={!c.isEnabled(state)}
              onClick={() => {
                onDone(); // close first: the command may open a file chooser
                runCommand(c.id);
              }}
            >
              <span>{c.label}</span>
              {c.accelerator && <kbd>{shortcutText(c.accelerator)}</kbd>}
            </button>
          </div>
        ))}
    </div>
  );
}

export function MenuBar() {
  const [open, setOpen] = useState<MenuName | null>(null);
  const ref = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(null);
    };
    // Escape closes it through the Escape command (shell/commands/escape-enter.ts), before anything else.
    const off = registerKeyTarget('closeMenu', () => setOpen(null));
    window.addEventListener('pointerdown', outside);
    return () => {
      window.removeEventListener('pointerdown', outside);
      off();
    };
  }, [open]);
  return (
    <nav className="menubar" role="menubar" aria-label="Menu" ref={ref}>
      <span className="brand">Anyfill</span>
      {MENUS.map((m) => (
        <div className="menu" key={m.name}>
          <button
            type="button"
            className={open === m.name ? 'menu-title open' : 'menu-title'}
            aria-haspopup="menu"
            aria-expanded={open === m.name}
            data-testid={`menu-${m.name}`}
            onClick={() => setOpen(open === m.name ? null : m.name)}
            onPointerEnter={() => open && setOpen(m.name)}
          >
            {m.label}
          </button>
          {open === m.name && <MenuItems menu={m.name} onDone={() => setOpen(null)} />}
        </div>
      ))}
    </nav>
  );
}
