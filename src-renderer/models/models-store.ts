// Runs in: renderer. The model manager's own small store, apart from the editor's (nothing here is part
// of a document or its history). Changed only by model-actions.ts.
import { create } from 'zustand';
import type { DownloadProgress, PackStatus } from '../../src-shared/contract/model-payloads';
import type { Outcome } from './view-model';
import { installedPackIds as sharedInstalledPackIds } from '../../src-shared/models/installed';

export interface PackNote {
  readonly kind: 'error' | 'ok' | 'info';
  readonly text: string;
}

/** An action this window is waiting on for a pack (its buttons are disabled meanwhile). */
export type PendingAction = 'download' | 'cancel' | 'remove' | 'verify';

export interface ModelsState {
  /** The manager dialog is shown. */
  readonly open: boolean;
  /** The engine's last answer to models.list; null until the first one. */
  readonly modelsDir: string | null;
  readonly diskFreeBytes: number | null;
  readonly packs: readonly PackStatus[] | null;
  readonly loading: boolean;
  /** Why the list could not be read (shown in the dialog). */
  readonly listError: string | null;
  /** The latest models.progress event of each pack. */
  readonly progress: Readonly<Record<string, DownloadProgress>>;
  readonly outcomes: Readonly<Record<string, Outcome>>;
  /** One line under a pack: the last error, or a verify result. */
  readonly notes: Readonly<Record<string, PackNote>>;
  readonly pending: Readonly<Record<string, PendingAction>>;
  /** The pack whose Remove asks "are you sure?" right now. */
  readonly confirmRemove: string | null;
  readonly importing: boolean;
  /** The SAM pack Select uses now (models.list); null when none is installed. */
  readonly segmentPack: string | null;
  /** The eraser pack Remove uses now (models.list); null when none is installed. */
  readonly erasePack: string | null;
}

export const initialModelsState: ModelsState = {
  open: false,
  modelsDir: null,
  diskFreeBytes: null,
  packs: null,
  loading: false,
  listError: null,
  progress: {},
  outcomes: {},
  notes: {},
  pending: {},
  confirmRemove: null,
  importing: false,
  segmentPack: null,
  erasePack: null,
};

export const useModels = create<ModelsState>()(() => initialModelsState);
export const getModels = useModels.getState;
export const setModels = useModels.setState;

/** A copy of a record without one key (the stores' records are replaced, never mutated). */
export function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const next = { ...record };
  delete next[key];
  return next;
}

/** The installed packs of `family` (ids), from the model list the app keeps: src-shared's one rule for "is it installed". */
export function installedPackIds(packs: readonly PackStatus[] | null, family: PackStatus['family']): string[] {
  return sharedInstalledPackIds(packs, [family]);
}
