// Runs in: renderer. A toolbar button bound to a registry command: label, shortcut hint and enabled-ness
// all come from the command, so the button can't disagree with the menu or the keyboard.
import { shortcutText } from '../core/commands/keys';
import { getCommand, runCommand } from './commands/registry';
import { useEditor } from '../core/state/editor-store';
import { Icon, type IconName } from '../core/ui/icons';

interface Props {
  command: string;
  icon: IconName;
  testId: string;
  /** Text next to the icon; omitted for icon-only buttons (the label is then the tooltip). */
  text?: string;
}

export function CommandButton({ command, icon, testId, text }: Props) {
  const c = getCommand(command);
  const enabled = useEditor((s) => c?.isEnabled(s) ?? false);
  if (!c) return null;
  const hint = c.accelerator ? `${c.label.replace(/…$/, '')} (${shortcutText(c.accelerator)})` : c.label;
  return (
    <button
      type="button"
      className={text ? 'tool-button with-text' : 'tool-button'}
      data-testid={testId}
      title={hint}
      aria-label={c.label.replace(/…$/, '')}
      disabled={!enabled}
      onClick={() => runCommand(command)}
    >
      <Icon name={icon} />
      {text && <span>{text}</span>}
    </button>
  );
}
