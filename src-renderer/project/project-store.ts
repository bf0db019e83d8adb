// Runs in: renderer. What the editor knows about projects: where the open document was last saved (the
// dirty marker), the recovery copies waiting for an answer, and the autosave's last result.
import { create } from 'zustand';
import type { DocumentId } from '../../src-shared/document/ids';
import type { HistoryEntry } from '../state/history';

/** The history position at save time: the top undo entry then (null: nothing to undo). */
export interface SavedMarker {
  readonly documentId: DocumentId;
  readonly top: HistoryEntry | null;
}

export interface RecoveryOffer {
  readonly documentId: DocumentId;
  readonly name: string;
  readonly savedAt: string;
  readonly bytes: number;
}

export interface ProjectState {
  readonly saved: SavedMarker | null;
  /** Copies left by a crash, newest first; the prompt asks about the first. */
  readonly offers: readonly RecoveryOffer[];
  /** Autosaves written since the page loaded, and the last one's time (tests and the status line). */
  readonly autosaves: number;
  readonly lastAutosave: string | null;
}

export const useProject = create<ProjectState>()(() => ({ saved: null, offers: [], autosaves: 0, lastAutosave: null }));

export const getProject = useProject.getState;
export const setProject = useProject.setState;
