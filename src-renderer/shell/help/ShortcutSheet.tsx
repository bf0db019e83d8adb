// Runs in: renderer. Help › Keyboard Shortcuts: every command with its keys, straight from the command
// registry (so it cannot disagree with the menus), and each tool's modifiers. A modal dialog: Escape closes it.
import { useEffect, useMemo, useRef } from 'react';
import { shortcutText } from '../../core/commands/keys';
import { commands } from '../commands/registry';
import { TOOL_HINTS } from '../tool-hints';
import { closeShortcutSheet, useShortcutSheet } from './shortcut-sheet-store';
import { shortcutGroups } from './shortcut-rows';
import './help.css';

export function ShortcutSheet() {
  const open = useShortcutSheet((s) => s.open);
  return open ? <Sheet /> : null;
}

function Sheet() {
  const ref = useRef<HTMLDialogElement | null>(null);
  const groups = useMemo(() => shortcutGroups(commands, shortcutText), []);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="shortcut-sheet app-dialog"
      data-testid="shortcut-sheet"
      aria-labelledby="shortcut-title"
      onKeyDown={(e) => e.key !== 'Escape' && e.stopPropagation()}
      onCancel={(e) => {
        e.preventDefault();
        closeShortcutSheet();
      }}
    >
      <h2 id="shortcut-title">Keyboard shortcuts</h2>
      <div className="shortcut-groups">
        {groups.map((g) => (
          <section key={g.title}>
            <h3>{g.title}</h3>
            <table>
              <tbody>
                {g.rows.map((r) => (
                  <tr key={r.id} data-testid="shortcut-row" data-command={r.id}>
                    <td>{r.label}</td>
                    <td className="shortcut-keys">
                      {r.keys.map((k) => (
                        <kbd key={k}>{k}</kbd>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))}
        <section>
          <h3>Tools: mouse and modifiers</h3>
          <dl className="shortcut-tools">
            {Object.entries(TOOL_HINTS).map(([tool, hint]) => (
              <div key={tool}>
                <dt>{tool[0]!.toUpperCase() + tool.slice(1)}</dt>
                <dd>{hint}</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <div className="shortcut-actions">
        <button type="button" className="primary" data-testid="shortcut-close" onClick={closeShortcutSheet}>
          Close
        </button>
      </div>
    </dialog>
  );
}
