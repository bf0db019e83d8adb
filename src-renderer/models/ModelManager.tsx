// Runs in: renderer. The model manager: a modal dialog (opened by the "Models…" command) listing every
// pack by what it is for, with disk use at the top and, in the desktop app, import from a folder.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { getApi } from '../core/bridge/api';
import { Icon } from '../core/ui/icons';
import { closeModelManager, importFolder, refreshModels } from './model-actions';
import { useModels } from './models-store';
import { PackCard } from './PackCard';
import { diskSummary, groupPacks } from './view-model';
import './models.css';

export function ModelManager() {
  const open = useModels((s) => s.open);
  return open ? <ModelDialog /> : null;
}

function ModelDialog() {
  const ref = useRef<HTMLDialogElement | null>(null);
  const packs = useModels((s) => s.packs);
  const modelsDir = useModels((s) => s.modelsDir);
  const diskFree = useModels((s) => s.diskFreeBytes);
  const listError = useModels((s) => s.listError);
  const loading = useModels((s) => s.loading);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  // Keys typed in the dialog are for the dialog: Delete must not delete a layer behind it.
  // Escape goes on to the dialog's own cancel handling.
  const keepKeys = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') e.stopPropagation();
  };
  const groups = packs ? groupPacks(packs) : [];
  return (
    <dialog
      ref={ref}
      className="model-manager app-dialog"
      data-testid="model-manager"
      aria-labelledby="model-manager-title"
      aria-busy={loading && packs === null}
      onCancel={(e) => {
        e.preventDefault();
        closeModelManager();
      }}
      onKeyDown={keepKeys}
    >
      <header className="models-header">
        <div>
          <h2 id="model-manager-title">Models</h2>
          <p className="models-disk" data-testid="models-disk">
            {packs ? diskSummary(packs, diskFree) : 'Reading the models folder…'}
          </p>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label="Close"
          title="Close"
          data-testid="model-manager-close"
          onClick={closeModelManager}
        >
          <Icon name="close" />
        </button>
      </header>
      <div className="models-where">
        {modelsDir && (
          <span className="models-dir" title={modelsDir}>
            Folder: <code>{modelsDir}</code>
          </span>
        )}
        <ImportControl />
      </div>
      <div className="models-body">
        {listError && (
          <div className="models-error" role="alert">
            <span>{listError}</span>
            <button type="button" className="pack-button" onClick={() => void refreshModels()}>
              Try again
            </button>
          </div>
        )}
        {packs === null && !listError && <p className="models-loading">Loading…</p>}
        {groups.map((g) => (
          <section key={g.id} className="models-group" aria-labelledby={`models-group-${g.id}`} data-testid={`models-group-${g.id}`}>
            <h3 id={`models-group-${g.id}`}>
              {g.title} <span className="models-group-kind">{g.models}</span>
            </h3>
            {g.packs.length === 0 ? (
              <p className="panel-empty">No packs.</p>
            ) : (
              <ul className="pack-list">
                {g.packs.map((p) => (
                  <PackCard key={p.id} pack={p} />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </dialog>
  );
}

/** Electron: a folder picker. The browser host cannot hand the engine a path, so it says how instead. */
function ImportControl() {
  const importing = useModels((s) => s.importing);
  if (getApi().host !== 'electron') {
    return (
      <span className="models-import-hint" data-testid="models-import-hint">
        Import from a folder with <code>anyfill models import &lt;folder&gt;</code>
      </span>
    );
  }
  return (
    <button type="button" className="pack-button" data-testid="models-import" disabled={importing} onClick={() => void importFolder()}>
      {importing ? 'Importing…' : 'Import folder…'}
    </button>
  );
}
