// Runs in: renderer. The select tool's option "Hover preview", bound to its command (the same toggle as
// the menu item and the shortcut).
import { keysOf, runIfEnabled } from '../core/commands/command';
import { shortcutText } from '../core/commands/keys';
import { hoverCommands } from './commands';
import { useHover } from './hover-store';
import './hover.css';

const c = hoverCommands[0]!;

export function HoverToggle() {
  const enabled = useHover((s) => s.enabled);
  const key = keysOf(c)[0];
  return (
    <label
      className="hover-toggle"
      title={`Show the mask a click would give while the pointer moves${key ? ` (${shortcutText(key)})` : ''}`}
    >
      <input type="checkbox" data-testid="hover-preview-toggle" checked={enabled} onChange={() => runIfEnabled(c)} />
      Hover preview
    </label>
  );
}
