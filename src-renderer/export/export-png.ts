// Runs in: renderer. Export: the engine composites the visible layers at full resolution, the host saves it.
import { getApi, userMessage } from '../core/bridge/api';
import { getState } from '../core/state/editor-store';
import { showError, showNotice } from '../core/state/messages';
import { withBusy } from '../core/state/busy';

/** "truck.jpg" → "truck-anyfill.png" */
export function exportName(docName: string): string {
  const base = docName.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'image';
  return `${base}-anyfill.png`.slice(0, 260);
}

export async function exportPng(): Promise<void> {
  const document = getState().document;
  if (!document) return;
  const name = exportName(document.name);
  try {
    await withBusy(`Exporting ${name}…`, async () => {
      const api = getApi();
      const result = await api.invoke('document.exportPng', { document });
      const saved = await api.saveExport(result.id, name);
      if (saved.saved) showNotice(`Exported ${name}${saved.where ? ` to ${saved.where}` : ''}.`);
    });
  } catch (err) {
    showError(userMessage(err, 'Export failed.'));
  }
}
