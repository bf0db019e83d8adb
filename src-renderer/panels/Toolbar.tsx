// Runs in: renderer. The top toolbar: file, history and view commands from the registry.
import { useEditor } from '../state/editor-store';
import { CommandButton } from './CommandButton';

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
      <div className="toolbar-group">
        <CommandButton command="models.open" icon="models" testId="models-button" text="Models" />
      </div>
      <div className="toolbar-title" title={name}>
        {name ?? 'Anyfill'}
      </div>
    </header>
  );
}
