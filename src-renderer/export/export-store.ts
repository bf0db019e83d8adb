// Runs in: renderer. The Export Layers dialog's own small store: whether it is open and what is ticked.
// The choices outlive the dialog, so the next export starts from the last one's.
import { create } from 'zustand';
import { DEFAULT_EXPORT_CHOICES, type ExportChoices } from '../../src-shared/contract/export-payloads';

export interface ExportDialogState {
  readonly open: boolean;
  readonly choices: ExportChoices;
}

export const useExportDialog = create<ExportDialogState>()(() => ({ open: false, choices: DEFAULT_EXPORT_CHOICES }));

export const getExportDialog = useExportDialog.getState;
export const setExportDialog = useExportDialog.setState;
