// Runs in: renderer. Choosing a tool and the brush settings (view state: never in history).
import { prepareSegment } from '../segment/segment-status';
import { getSelectionUi, setSelectionUi } from './selection-store';
import { getState, setState, type ToolId } from '../core/state/editor-store';
import { stepBrushRadius } from './brush-size';

export { stepBrushRadius } from './brush-size';


export function setTool(id: ToolId): void {
  if (getState().activeTool !== id) setState({ activeTool: id, toolPath: `${id}.idle` });
  if (id !== 'brush') setSelectionUi({ cursor: null });
  if (id === 'select') void prepareSegment();
}

export function stepBrush(dir: 1 | -1): void {
  const b = getSelectionUi().brush;
  setSelectionUi({ brush: { ...b, radius: stepBrushRadius(b.radius, dir) } });
}

export function resizeBrushByWheel(deltaY: number): void {
  if (deltaY !== 0) stepBrush(deltaY < 0 ? 1 : -1);
}

export function setBrushHardness(hardness: number): void {
  setSelectionUi({ brush: { ...getSelectionUi().brush, hardness: Math.min(1, Math.max(0, hardness)) } });
}

export function setBrushMode(mode: 'add' | 'erase'): void {
  setSelectionUi({ brush: { ...getSelectionUi().brush, mode } });
}
