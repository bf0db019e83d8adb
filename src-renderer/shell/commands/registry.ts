// Runs in: renderer. The one list of commands. [Note: commands]
import { exportPng } from '../../export/export-png';
import { openExportDialog } from '../../export/export-actions';
import { closeDocument, openPicked } from '../../project/open-image';
import { saveProject } from '../../project/save-project';
import { openModelManager } from '../../models/model-actions';
import { openDetectPanel } from '../../detect/detect-actions';
import { showNotice } from '../../core/state/messages';
import { redo, undo } from '../../core/state/document-actions';
import type { EditorState } from '../../core/state/editor-store';
import { getState } from '../../core/state/editor-store';
import { canRedo, canUndo } from '../../core/state/history';
import { canMoveLayer, deleteLayer, moveLayer, toggleLayerVisible } from '../../core/state/layer-actions';
import { zoomStep, zoomTo100, zoomToFit } from '../../core/state/view-actions';
import { getApi, userMessage } from '../../core/bridge/api';
import { getSelectionUi } from '../../selection/selection-store';
import { setBrushMode, setTool, stepBrush } from '../../selection/tool-actions';
import type { Command } from '../../core/commands/command';
import { selectEverything } from '../../segment/select-everything';
import { contentAwareFill, fillTarget } from '../../fill/fill-actions';
import { getJobs } from '../../jobs/job-store';
import { toggleHoverPreview } from '../../hover/hover-actions';
import { canGenerate, generateFill } from '../../generate/generate-actions';
import { openOutpaint } from '../../outpaint/outpaint-actions';
import { toggleHistoryPanel } from '../../history/history-actions';
import { openShortcutSheet } from '../help/shortcut-sheet-store';
import { keyCommands, selectionCommands } from './edit-keys';

const hasDoc = (s: EditorState) => s.document !== null;
const hasLayer = (s: EditorState) => s.document !== null && s.activeLayerId !== null;
const idle = (s: EditorState) => s.busy === null;

function withActiveLayer(fn: (id: NonNullable<EditorState['activeLayerId']>) => void): () => void {
  return () => {
    const id = getState().activeLayerId;
    if (id) fn(id);
  };
}

export const commands: readonly Command[] = [
  { id: 'file.open', label: 'Open…', menu: 'file', accelerator: 'CmdOrCtrl+O', isEnabled: idle, run: openPicked },
  {
    id: 'file.saveProject',
    label: 'Save Project…',
    menu: 'file',
    accelerator: 'CmdOrCtrl+S',
    isEnabled: (s) => hasDoc(s) && idle(s),
    // saveProject answers whether it saved (the unsaved-work question needs that); the command needs nothing.
    run: async () => {
      await saveProject();
    },
  },
  {
    id: 'file.exportPng',
    label: 'Export PNG…',
    menu: 'file',
    accelerator: 'CmdOrCtrl+Shift+E',
    isEnabled: (s) => hasDoc(s) && idle(s),
    run: exportPng,
  },
  {
    id: 'file.exportLayers',
    label: 'Export Layers…',
    menu: 'file',
    accelerator: 'CmdOrCtrl+Alt+E',
    isEnabled: (s) => hasDoc(s) && idle(s),
    run: openExportDialog,
  },
  // Model packs for the AI tools; open at any time, downloads go on in the background.
  { id: 'models.open', label: 'Models…', menu: 'file', accelerator: 'CmdOrCtrl+Shift+M', separatorBefore: true, isEnabled: () => true, run: openModelManager },
  { id: 'file.close', label: 'Close Document', menu: 'file', separatorBefore: true, isEnabled: (s) => hasDoc(s) && idle(s), run: closeDocument },

  { id: 'edit.undo', label: 'Undo', menu: 'edit', accelerator: 'CmdOrCtrl+Z', isEnabled: (s) => canUndo(s.history), run: undo },
  {
    id: 'edit.redo',
    label: 'Redo',
    menu: 'edit',
    accelerator: 'CmdOrCtrl+Shift+Z',
    keys: ['CmdOrCtrl+Shift+Z', 'Ctrl+Y'],
    isEnabled: (s) => canRedo(s.history),
    run: redo,
  },
  { id: 'edit.selectByText', label: 'Select by Text…', menu: 'edit', accelerator: 'CmdOrCtrl+F', separatorBefore: true, isEnabled: hasDoc, run: openDetectPanel },
  { id: 'edit.selectEverything', label: 'Select Everything', menu: 'edit', accelerator: 'CmdOrCtrl+Shift+A', isEnabled: (s) => hasDoc(s) && idle(s), run: selectEverything },
  ...selectionCommands,
  {
    id: 'edit.contentAwareFill',
    label: 'Content-Aware Fill',
    menu: 'edit',
    // Shift+Backspace as in Photoshop (the native menu only shows it: the renderer handles the keys).
    accelerator: 'Shift+Backspace',
    keys: ['Shift+Backspace', 'Shift+F5'],
    separatorBefore: true,
    isEnabled: (s) => hasDoc(s) && getJobs().length === 0 && fillTarget() !== null,
    run: contentAwareFill,
  },
  // Runs what the Generative fill panel holds (an empty prompt removes); no key: Enter in its prompt does it.
  { id: 'edit.generativeFill', label: 'Generative Fill', menu: 'edit', isEnabled: canGenerate, run: generateFill },
  { id: 'edit.extendCanvas', label: 'Extend Canvas…', menu: 'edit', isEnabled: (s) => hasDoc(s) && idle(s) && getJobs().length === 0, run: openOutpaint },

  { id: 'view.zoomIn', label: 'Zoom In', menu: 'view', accelerator: 'CmdOrCtrl+=', keys: ['CmdOrCtrl+=', 'CmdOrCtrl+Plus'], isEnabled: hasDoc, run: () => zoomStep(1) },
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
  { id: 'view.history', label: 'Show History', menu: 'view', accelerator: 'CmdOrCtrl+Alt+H', separatorBefore: true, isEnabled: () => true, run: toggleHistoryPanel },

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
  { id: 'tool.hand', label: 'Hand Tool', menu: 'edit', accelerator: 'H', separatorBefore: true, isEnabled: () => true, run: () => setTool('hand') },
  { id: 'tool.select', label: 'Select Tool', menu: 'edit', accelerator: 'S', isEnabled: hasDoc, run: () => setTool('select') },
  { id: 'tool.wand', label: 'Magic Wand', menu: 'edit', accelerator: 'W', isEnabled: hasDoc, run: () => setTool('wand') },
  // Shift+S: the select tool's own option (S chooses the tool).
  { id: 'select.hoverPreview', label: 'Hover Preview On/Off', menu: 'edit', accelerator: 'Shift+S', isEnabled: () => true, run: toggleHoverPreview },
  { id: 'tool.brush', label: 'Selection Brush', menu: 'edit', accelerator: 'B', isEnabled: hasDoc, run: () => setTool('brush') },
  { id: 'brush.smaller', label: 'Smaller Brush', menu: 'edit', accelerator: '[', isEnabled: () => true, run: () => stepBrush(-1) },
  { id: 'brush.bigger', label: 'Bigger Brush', menu: 'edit', accelerator: ']', isEnabled: () => true, run: () => stepBrush(1) },
  {
    id: 'brush.toggleErase',
    label: 'Brush: Add / Erase',
    menu: 'edit',
    accelerator: 'E',
    isEnabled: () => true,
    run: () => setBrushMode(getSelectionUi().brush.mode === 'add' ? 'erase' : 'add'),
  },

  { id: 'help.shortcuts', label: 'Keyboard Shortcuts', menu: 'help', accelerator: 'CmdOrCtrl+/', isEnabled: () => true, run: openShortcutSheet },
  { id: 'help.about', label: 'About Anyfill', menu: 'help', isEnabled: () => true, run: about },
  ...keyCommands,
];

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
    const eps = info.executionProviders.filter((p) => p.available).map((p) => p.name).join(', ') || 'CPU';
    showNotice(`Anyfill ${info.version} · ${info.host} host · runs on ${eps}.`);
  } catch (err) {
    showNotice(`Anyfill · engine details unavailable (${userMessage(err)})`);
  }
}
