// Runs in: renderer. What the editor knows about projects: where the open document was last saved (the
// dirty marker), the recovery copies waiting for an answer, and the autosave's last result.
import { create } from 'zustand';
import type { DocumentId } from '../../src-shared/document/ids';
import type { HistoryEntry } from '../core/state/history';

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

/** The open document lost its pixels in a restart and could not be reattached ([Note: reattach]). */
export interface Detached {
  readonly documentId: DocumentId;
  readonly name: string;
  /** A recovery copy exists: Restore brings back the last autosave. */
  readonly hasCopy: boolean;
  /** It had edits no file holds. */
  readonly unsaved: boolean;
}

export interface ProjectState {
  readonly saved: SavedMarker | null;
  /** Copies left by a crash, newest first; the prompt asks about the first. */
  readonly offers: readonly RecoveryOffer[];
  /** Autosaves written since the page loaded, and the last one's time (tests and the status line). */
  readonly autosaves: number;
  readonly lastAutosave: string | null;
  /** The last autosave failed: why (shown in the status bar until one succeeds). */
  readonly autosaveError: string | null;
  /** The user answered Don't Save for this document: its recovery copy goes once it is replaced. */
  readonly letGo: DocumentId | null;
  /** The user agreed to close the window: the unload guard stands aside. */
  readonly leaving: boolean;
  readonly detached: Detached | null;
}

export const useProject = create<ProjectState>()(() => ({
  saved: null,
  offers: [],
  autosaves: 0,
  lastAutosave: null,
  autosaveError: null,
  letGo: null,
  leaving: false,
  detached: null,
}));

export const getProject = useProject.getState;
export const setProject = useProject.setState;
