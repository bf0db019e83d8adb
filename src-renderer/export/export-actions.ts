// Runs in: renderer. File › Export Layers…: the dialog's choices go to the engine, which writes the layer
// PNGs, masks, cut-outs, composite and layers.json as one zip and the PSD apart; the host then downloads
// (browser) or asks where to save each (Electron).
import type { ExportChoices } from '../../src-shared/contract/export-payloads';
import { getApi, userMessage } from '../core/bridge/api';
import { withBusy } from '../core/state/busy';
import { getState } from '../core/state/editor-store';
import { showError, showNotice } from '../core/state/messages';
import { getExportDialog, setExportDialog } from './export-store';

export const openExportDialog = (): void => setExportDialog({ open: true });
export const closeExportDialog = (): void => setExportDialog({ open: false });

export function setChoice(key: keyof ExportChoices, on: boolean): void {
  setExportDialog({ choices: { ...getExportDialog().choices, [key]: on } });
}

/** "truck.jpg" → "truck" */
const baseName = (docName: string): string => docName.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'image';

export async function exportLayers(): Promise<void> {
  const document = getState().document;
  const { choices } = getExportDialog();
  if (!document || !Object.values(choices).some(Boolean)) return;
  closeExportDialog();
  const base = baseName(document.name);
  try {
    await withBusy(`Exporting layers of ${document.name}…`, async () => {
      const api = getApi();
      const result = await api.invoke('document.exportLayers', { document, choices });
      const saved: string[] = [];
      // One after the other: Electron shows one save dialog at a time.
      if (result.zip) {
        const r = await api.saveExport(result.zip.id, `${base}-layers.zip`, 'zip');
        if (r.saved) saved.push(`${base}-layers.zip`);
      }
      if (result.psd) {
        const r = await api.saveExport(result.psd.id, `${base}.psd`, 'psd');
        if (r.saved) saved.push(`${base}.psd`);
      }
      if (saved.length) showNotice(`Exported ${saved.join(' and ')} (${result.manifest.layers.length} layers).`);
    });
  } catch (err) {
    showError(userMessage(err, 'Export failed.'));
  }
}
