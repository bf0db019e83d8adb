// Runs in: renderer (pure, no DOM: unit-tested in Node). Shortcuts written in Electron accelerator syntax
// ("CmdOrCtrl+Shift+Z"), matched against key events and shown as labels. One syntax for the native menu,
// the in-page menu and the keyboard handler.

/** The parts of a KeyboardEvent a shortcut looks at. */
export interface KeyLike {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

interface Chord {
  mod: boolean; // CmdOrCtrl: ⌘ on macOS, Ctrl elsewhere
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

function parse(accelerator: string): Chord {
  const parts = accelerator.split('+');
  // "CmdOrCtrl+Plus" and "CmdOrCtrl++" both name the plus key.
  const key = accelerator.endsWith('++') ? 'Plus' : (parts[parts.length - 1] ?? '');
  const mods = new Set(parts.slice(0, -1).map((p) => p.toLowerCase()));
  return {
    mod: mods.has('cmdorctrl') || mods.has('commandorcontrol'),
    ctrl: mods.has('ctrl') || mods.has('control'),
    shift: mods.has('shift'),
    alt: mods.has('alt') || mods.has('option'),
    key,
  };
}

/** Does the event's key (ignoring modifiers) name `key`? Layout-aware for letters, position-based for digits. */
function keyIs(key: string, e: KeyLike): boolean {
  if (/^[A-Z]$/i.test(key)) return e.key.toLowerCase() === key.toLowerCase();
  if (/^[0-9]$/.test(key)) return e.code === `Digit${key}` || e.code === `Numpad${key}` || e.key === key;
  switch (key) {
    case '=':
      return e.key === '=' || e.code === 'Equal';
    case 'Plus':
      return e.key === '+' || e.code === 'NumpadAdd';
    case '-':
      return e.key === '-' || e.key === '_' || e.code === 'Minus' || e.code === 'NumpadSubtract';
    case 'Delete':
      return e.key === 'Delete';
    case 'Backspace':
      return e.key === 'Backspace';
    default:
      return e.key === key;
  }
}

export function matches(accelerator: string, e: KeyLike, mac: boolean): boolean {
  const c = parse(accelerator);
  const wantMeta = c.mod && mac;
  const wantCtrl = c.ctrl || (c.mod && !mac);
  // "Plus" is typed with Shift on most layouts, so Shift is not checked for it.
  const shiftOk = c.key === 'Plus' || e.shiftKey === c.shift;
  return e.metaKey === wantMeta && e.ctrlKey === wantCtrl && e.altKey === c.alt && shiftOk && keyIs(c.key, e);
}

/** "CmdOrCtrl+Shift+E" → "Ctrl+Shift+E", or "⇧⌘E" on macOS. */
export function shortcutLabel(accelerator: string, mac: boolean): string {
  const c = parse(accelerator);
  const key = c.key === 'Plus' ? '+' : c.key === 'Delete' ? 'Del' : c.key.length === 1 ? c.key.toUpperCase() : c.key;
  if (mac) return `${c.ctrl ? '⌃' : ''}${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${c.mod ? '⌘' : ''}${key === 'Backspace' ? '⌫' : key}`;
  return [c.mod || c.ctrl ? 'Ctrl' : '', c.alt ? 'Alt' : '', c.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}
