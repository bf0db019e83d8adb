// Runs in: renderer. The top toolbar: file, history and view commands from the registry.
import { shortcutText } from '../core/commands/keys';
import { getCommand, runCommand } from './commands/registry';
import { useEditor, type ToolId } from '../core/state/editor-store';
import { DetectButton } from '../detect/DetectButton';
import { CommandButton } from './CommandButton';
import { Icon, type IconName } from '../core/ui/icons';

function ToolButton({ tool, icon }: { tool: ToolId; icon: IconName }) {
  const command = `tool.${tool}`;
  const c = getCommand(command);
  const active = useEditor((s) => s.activeTool === tool);
  const enabled = useEditor((s) => c?.isEnabled(s) ?? false);
  if (!c) return null;
  return (
    <button
      type="button"
      className="tool-button"
      data-testid={`tool-${tool}`}
      title={c.accelerator ? `${c.label} (${shortcutText(c.accelerator)})` : c.label}
      aria-label={c.label}
      aria-pressed={active}
      disabled={!enabled}
      onClick={() => runCommand(command)}
    >
      <Icon name={icon} />
    </button>
  );
}

export function Toolbar() {
  const name = useEditor((s) => s.document?.name);
  return (
    <header className="toolbar" role="toolbar" aria-label="Main">
      <div className="toolbar-group">
        <CommandButton command="file.open" icon="open" testId="open-button" text="Open" />
        <CommandButton command="file.exportPng" icon="export" testId="export-button" text="Export" />
      </div>
      <div className="toolbar-sep" />
      <div className="toolbar-group">
        <CommandButton command="edit.undo" icon="undo" testId="undo-button" />
        <CommandButton command="edit.redo" icon="redo" testId="redo-button" />
      </div>
      <div className="toolbar-sep" />
      <div className="toolbar-group">
        <CommandButton command="view.zoomOut" icon="zoomOut" testId="zoom-out-button" />
        <CommandButton command="view.zoomIn" icon="zoomIn" testId="zoom-in-button" />
        <CommandButton command="view.zoomFit" icon="fit" testId="zoom-fit-button" />
        <CommandButton command="view.zoom100" icon="actual" testId="zoom-100-button" />
      </div>
      <div className="toolbar-sep" />
      <div className="toolbar-group" role="group" aria-label="Tools">
        <ToolButton tool="hand" icon="hand" />
        <ToolButton tool="select" icon="select" />
        <ToolButton tool="wand" icon="wand" />
        <ToolButton tool="brush" icon="brush" />
        <DetectButton />
      </div>
      <div className="toolbar-sep" />
      <div className="toolbar-group">
        <CommandButton command="models.open" icon="models" testId="models-button" text="Models" />
      </div>
      <div className="toolbar-title" title={name}>
        {name ?? 'Anyfill'}
      </div>
    </header>
  );
}
