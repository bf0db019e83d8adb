// Runs in: renderer (pure). The hint line under the canvas for each tool: what its modifiers do. The same
// convention in every selection tool (Photoshop's): a plain click starts a new selection, Shift adds,
// Alt subtracts.
import type { ToolId } from '../core/state/editor-store';

export const TOOL_HINTS: Readonly<Record<ToolId, string>> = {
  hand: 'Drag to pan · wheel zooms · Space+drag or middle-drag pans from any tool',
  select: 'Click: new selection · Shift+click: add · Alt+click or right-click: subtract · drag: box · Esc: deselect',
  wand: 'Click: new selection · Shift+click: add · Alt+click or right-click: subtract',
  brush: 'Paint: add to the selection · Alt: the other mode · [ ] or Ctrl+wheel: size',
};
