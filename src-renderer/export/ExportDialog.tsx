// Runs in: renderer. The Export Layers dialog: what to write (checkboxes) and the files that makes.
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { ExportChoices } from '../../src-shared/contract/export-payloads';
import { planExport, planFiles } from '../../src-shared/export/file-names';
import { useEditor } from '../core/state/editor-store';
import { closeExportDialog, exportLayers, setChoice } from './export-actions';
import { useExportDialog } from './export-store';
import './export.css';

const CHOICES: { key: keyof ExportChoices; label: string; hint: string }[] = [
  { key: 'layers', label: 'Layers', hint: 'each image layer as a PNG (RGBA for fills and other results)' },
  { key: 'masks', label: 'Masks', hint: 'each selection as an 8-bit grey PNG, white inside' },
  { key: 'cutouts', label: 'Cut-outs', hint: 'each selection’s pixels with the mask as transparency' },
  { key: 'composite', label: 'Composite', hint: 'the image as it looks, as Export PNG writes it' },
  { key: 'psd', label: 'Layered PSD', hint: 'a separate file for Photoshop and other editors' },
];

export function ExportDialog() {
  const open = useExportDialog((s) => s.open);
  const hasDoc = useEditor((s) => s.document !== null);
  return open && hasDoc ? <Dialog /> : null;
}

function Dialog() {
  const ref = useRef<HTMLDialogElement | null>(null);
  const choices = useExportDialog((s) => s.choices);
  const document = useEditor((s) => s.document);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const files = useMemo(() => (document ? planFiles(planExport(document, choices)) : []), [document, choices]);
  const nothing = !Object.values(choices).some(Boolean);
  // Keys typed here are for the dialog (Delete must not delete a layer behind it); Escape closes it.
  const keepKeys = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') e.stopPropagation();
  };
  return (
    <dialog
      ref={ref}
      className="export-dialog app-dialog"
      data-testid="export-dialog"
      aria-labelledby="export-title"
      onKeyDown={keepKeys}
      onCancel={(e) => {
        e.preventDefault();
        closeExportDialog();
      }}
    >
      <h2 id="export-title">Export Layers</h2>
      <fieldset className="export-choices">
        {CHOICES.map((c) => (
          <label key={c.key}>
            <input
              type="checkbox"
              data-testid={`export-choice-${c.key}`}
              checked={choices[c.key]}
              onChange={(e) => setChoice(c.key, e.target.checked)}
            />
            <span className="export-choice-label">{c.label}</span>
            <span className="export-choice-hint">{c.hint}</span>
          </label>
        ))}
      </fieldset>
      <p className="export-files-title">Files written{choices.psd ? ' (the PSD downloads apart from the zip)' : ''}:</p>
      <ul className="export-files" data-testid="export-files">
        {files.map((f) => (
          <li key={f}>
            <code>{f}</code>
          </li>
        ))}
      </ul>
      <div className="export-actions">
        <button type="button" data-testid="export-cancel" onClick={closeExportDialog}>
          Cancel
        </button>
        <button type="button" className="primary" data-testid="export-layers-run" disabled={nothing} onClick={() => void exportLayers()}>
          Export
        </button>
      </div>
    </dialog>
  );
}
