// Runs in: renderer. The toolbar's "Select by text" button, bound to this feature's command
// edit.selectByText (label, shortcut hint and enabled-ness come from the command).
import { runIfEnabled } from '../core/commands/command';
import { shortcutText } from '../core/commands/keys';
import { useEditor } from '../core/state/editor-store';
import { detectCommands } from './commands';

const c = detectCommands[0]!;

export function DetectButton() {
  const enabled = useEditor((s) => c.isEnabled(s));
  const hint = c.accelerator ? `Select by text (${shortcutText(c.accelerator)})` : 'Select by text';
  return (
    <button
      type="button"
      className="tool-button with-text"
      data-testid="detect-button"
      title={hint}
      aria-label="Select by text"
      disabled={!enabled}
      onClick={() => runIfEnabled(c)}
    >
      <svg
        className="icon"
        width={18}
        height={18}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.6}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        {/* Lines of a caption and a magnifier: "find by words", not the Type tool's T. */}
        <path d="M3.5 6h11M3.5 10h7M3.5 14h4M14.5 11a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7zM17 17l3.5 3.5" />
      </svg>
      <span>Find</span>
    </button>
  );
}
