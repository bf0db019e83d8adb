// Runs in: renderer. The one list of commands. [Note: commands] Each feature exports its own commands
// (its `commands.ts`); the shell adds its own (view, layers, help, the Escape and Enter keys) and lays them
// all out in menu order here. The toolbar, the keyboard handler, the web menu bar and the native menu read
// this one list.
import { showNotice } from '../../core/state/messages';
import type { EditorState } from '../../core/state/editor-store';
import { getState } from '../../core/state/editor-store';
import { canMoveLayer, deleteLayer, moveLayer, toggleLayerVisible } from '../../core/state/layer-actions';
import { setTool, zoomStep, zoomTo100, zoomToFit } from '../../core/state/view-actions';
import { getApi, userMessage } from '../../core/bridge/api';
import { hasDoc, type Command } from '../../core/commands/command';
import { projectCommands } from '../../project/commands';
import { exportCommands } from '../../export/commands';
import { modelCommands } from '../../models/commands';
import { historyCommands } from '../../history/commands';
import { detectCommands } from '../../detect/commands';
import { segmentCommands } from '../../segment/commands';
import { selectionCommands } from '../../selection/commands';
import { maskOpCommands } from '../../mask-ops/commands';
import { fillCommands } from '../../fill/commands';
import { generateCommands } from '../../generate/commands';
import { outpaintCommands } from '../../outpaint/commands';
import { hoverCommands } from '../../hover/commands';
import { openShortcutSheet } from '../help/shortcut-sheet-store';
import { keyCommands } from './edit-keys';

const hasLayer = (s: EditorState) => s.document !== null && s.activeLayerId !== null;

function withActiveLayer(fn: (id: NonNullable<EditorState['activeLayerId']>) => void): () => void {
  return () => {
    const id = getState().activeLayerId;
    if (id) fn(id);
  };
}

/** The shell's own commands: the view, the layers list, the hand, help. */
const shellCommands: readonly Command[] = [
  {
    id: 'view.zoomIn',
    label: 'Zoom In',
    menu: 'view',
    accelerator: 'CmdOrCtrl+=',
    keys: ['CmdOrCtrl+=', 'CmdOrCtrl+Plus'],
    isEnabled: hasDoc,
    run: () => zoomStep(1),
  },
  { id: 'view.zoomOut', label: 'Zoom Out', menu: 'view', accelerator: 'CmdOrCtrl+-', isEnabled: hasDoc, run: () => zoomStep(-1) },
  {
    id: 'view.zoomFit',
    label: 'Zoom to Fit',
    menu: 'view',
    accelerator: 'CmdOrCtrl+0',
    keys: ['CmdOrCtrl+0', 'Shift+1'],
    separatorBefore: true,
    isEnabled: hasDoc,
    run: zoomToFit,
  },
  { id: 'view.zoom100', label: 'Actual Size (100%)', menu: 'view', accelerator: 'CmdOrCtrl+1', isEnabled: hasDoc, run: zoomTo100 },

  {
    id: 'layer.toggleVisibility',
    label: 'Show / Hide Layer',
    menu: 'layer',
    accelerator: 'CmdOrCtrl+Shift+H',
    isEnabled: hasLayer,
    run: withActiveLayer(toggleLayerVisible),
  },
  {
    id: 'layer.moveUp',
    label: 'Move Layer Up',
    menu: 'layer',
    accelerator: 'CmdOrCtrl+]',
    isEnabled: (s) => canMoveLayer(s.document, s.activeLayerId, 1),
    run: withActiveLayer((id) => moveLayer(id, 1)),
  },
  {
    id: 'layer.moveDown',
    label: 'Move Layer Down',
    menu: 'layer',
    accelerator: 'CmdOrCtrl+[',
    isEnabled: (s) => canMoveLayer(s.document, s.activeLayerId, -1),
    run: withActiveLayer((id) => moveLayer(id, -1)),
  },
  {
    id: 'layer.delete',
    label: 'Delete Layer',
    menu: 'layer',
    separatorBefore: true,
    // No key: Delete/Backspace act on the selection (edit.delete); a layer goes only by this explicit command.
    isEnabled: hasLayer,
    run: withActiveLayer(deleteLayer),
  },

  // Tools: single keys, as in every editor (ignored while typing in a field).
  {
    id: 'tool.hand',
    label: 'Hand Tool',
    menu: 'edit',
    accelerator: 'H',
    separatorBefore: true,
    isEnabled: () => true,
    run: () => setTool('hand'),
  },

  {
    id: 'help.shortcuts',
    label: 'Keyboard Shortcuts',
    menu: 'help',
    accelerator: 'CmdOrCtrl+/',
    isEnabled: () => true,
    run: openShortcutSheet,
  },
  { id: 'help.about', label: 'About Anyfill', menu: 'help', isEnabled: () => true, run: about },
  ...keyCommands,
];

/** Menu order: each menu lists its commands in this order (a separator where a command asks for one). */
const layout = [
  'file.open',
  'file.saveProject',
  'file.exportPng',
  'file.exportLayers',
  'models.open',
  'file.close',
  'edit.undo',
  'edit.redo',
  'edit.selectByText',
  'edit.selectEverything',
  'edit.selectAll',
  'edit.deselect',
  'edit.invertSelection',
  'edit.delete',
  'edit.contentAwareFill',
  'edit.generativeFill',
  'edit.extendCanvas',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomFit',
  'view.zoom100',
  'view.history',
  'layer.toggleVisibility',
  'layer.moveUp',
  'layer.moveDown',
  'layer.delete',
  'tool.hand',
  'tool.select',
  'tool.wand',
  'select.hoverPreview',
  'tool.brush',
  'brush.smaller',
  'brush.bigger',
  'brush.toggleErase',
  'help.shortcuts',
  'help.about',
  'key.escape',
  'key.enter',
];

const featureCommands: readonly (readonly Command[])[] = [
  projectCommands,
  exportCommands,
  modelCommands,
  historyCommands,
  detectCommands,
  segmentCommands,
  selectionCommands,
  maskOpCommands,
  fillCommands,
  generateCommands,
  outpaintCommands,
  hoverCommands,
  shellCommands,
];

/** Every command once, in `layout` order; a command the layout misses is a programming error, said at start. */
export function layOut(lists: readonly (readonly Command[])[], order: readonly string[]): readonly Command[] {
  const all = new Map<string, Command>();
  for (const c of lists.flat()) {
    if (all.has(c.id)) throw new Error(`Two commands are called ${c.id}.`);
    all.set(c.id, c);
  }
  const missing = [...all.keys()].filter((id) => !order.includes(id));
  const unknown = order.filter((id) => !all.has(id));
  if (missing.length || unknown.length)
    throw new Error(`Command layout out of date: missing ${missing.join(', ') || 'none'}; unknown ${unknown.join(', ') || 'none'}.`);
  return order.map((id) => all.get(id)!);
}

export const commands: readonly Command[] = layOut(featureCommands, layout);

const byId = new Map(commands.map((c) => [c.id, c]));

export const getCommand = (id: string): Command | undefined => byId.get(id);

/** Run a command if it exists and is enabled now; the single entry point for every trigger. */
export function runCommand(id: string): boolean {
  const c = byId.get(id);
  if (!c || !c.isEnabled(getState())) return false;
  void c.run();
  return true;
}

async function about(): Promise<void> {
  try {
    const info = await getApi().invoke('app.info', {});
    const eps =
      info.executionProviders
        .filter((p) => p.available)
        .map((p) => p.name)
        .join(', ') || 'CPU';
    showNotice(`Anyfill ${info.version} · ${info.host} host · runs on ${eps}.`);
  } catch (err) {
    showNotice(`Anyfill · engine details unavailable (${userMessage(err)})`);
  }
}
