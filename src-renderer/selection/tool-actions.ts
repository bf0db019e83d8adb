// Runs in: renderer. The brush settings (view state: never in history).
import { getSelectionUi, setSelectionUi } from './selection-store';
import { stepBrushRadius } from './brush-size';

export { stepBrushRadius } from './brush-size';

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
