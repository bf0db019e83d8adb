// Runs in: renderer. The toolbar's "Select by text" button, bound to the registry command
// edit.selectByText (label, shortcut hint and enabled-ness come from the command).
import { shortcutText } from '../commands/keys';
import { getCommand, runCommand } from '../commands/registry';
import { useEditor } from '../state/editor-store';

const COMMAND = 'edit.selectByText';

export function DetectButton() {
  const c = getCommand(COMMAND);
  const enabled = useEditor((s) => c?.isEnabled(s) ?? false);
  if (!c) return null;
  const hint = c.accelerator ? `Select by text (${shortcutText(c.accelerator)})` : 'Select by text';
  return (
    <button type="button" className="tool-button with-text" data-testid="detect-button" title={hint} aria-label="Select by text" disabled={!enabled} onClick={() => runCommand(COMMAND)}>
      <svg className="icon" width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d="M4 8V5h16v3M12 5v14M9 19h6" />
      </svg>
      <span>Text</span>
    </button>
  );
}
