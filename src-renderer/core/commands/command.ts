// Runs in: renderer. What a command is. [Note: commands] Every user action that a menu, a toolbar button
// or a shortcut can trigger is ONE Command; each feature exports its own (its `commands.ts`), and the
// shell's registry (shell/commands/registry.ts) lays them out in one list. The toolbar, the keyboard
// handler, the in-page menu bar and Electron's native menu all read that list, so they cannot drift apart.
import type { MenuEntry } from '../../../src-shared/contract/payloads';
import type { EditorState } from '../state/editor-store';
import { getState } from '../state/editor-store';

export type MenuName = MenuEntry['menu'];

export interface Command {
  /** Stable id: also the native menu item's id (`menu.command` events carry it back). */
  readonly id: string;
  readonly label: string;
  readonly menu: MenuName;
  /** Electron accelerator shown in menus (and registered by the native menu). */
  readonly accelerator?: string;
  /** Every accelerator the keyboard handler accepts, the menu one first. Default: [accelerator]. */
  readonly keys?: readonly string[];
  /** Start a new group in its menu (a separator above). */
  readonly separatorBefore?: boolean;
  /** false: a key only (Escape, Enter), listed in the shortcut sheet but in no menu. */
  readonly inMenu?: boolean;
  /** Where it ends up under, in the shortcut sheet (default: its menu's name). */
  readonly group?: string;
  /**
   * For keys whose meaning depends on where they went (Escape, Enter): handle the event; true when it was
   * used (the keyboard handler then claims it), false to leave it to the browser or a focused control.
   */
  runKey?(e: KeyboardEvent): boolean;
  isEnabled(state: EditorState): boolean;
  /** Must reach anything that needs a user gesture (file pickers) before its first await. */
  run(): void | Promise<void>;
}

export const inMenus = (c: Command): boolean => c.inMenu !== false;

export const keysOf = (c: Command): readonly string[] => c.keys ?? (c.accelerator ? [c.accelerator] : []);

/** Run `c` if it is enabled now (a feature's own button; the shell's triggers go through the registry). */
export function runIfEnabled(c: Command): boolean {
  if (!c.isEnabled(getState())) return false;
  void c.run();
  return true;
}

/** The usual conditions: a document is open; nothing long (open, save, export) is under way. */
export const hasDoc = (s: EditorState): boolean => s.document !== null;
export const idle = (s: EditorState): boolean => s.busy === null;
