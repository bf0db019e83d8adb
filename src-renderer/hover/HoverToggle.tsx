// Runs in: renderer. The select tool's option "Hover preview", bound to its registry command (the same
// toggle as the menu item and the shortcut).
import { keysOf } from '../core/commands/command';
import { shortcutText } from '../core/commands/keys';
import { getCommand, runCommand } from '../shell/commands/registry';
import { useHover } from './hover-store';
import './hover.css';

export const HOVER_COMMAND = 'select.hoverPreview';

export function HoverToggle() {
  const enabled = useHover((s) => s.enabled);
  const c = getCommand(HOVER_COMMAND);
  const key = c ? keysOf(c)[0] : undefined;
  return (
    <label className="hover-toggle" title={`Show the mask a click would give while the pointer moves${key ? ` (${shortcutText(key)})` : ''}`}>
      <input type="checkbox" data-testid="hover-preview-toggle" checked={enabled} onChange={() => runCommand(HOVER_COMMAND)} />
      Hover preview
    </label>
  );
}
