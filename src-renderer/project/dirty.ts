// Runs in: renderer. The "unsaved changes" test, pure: the document is clean when the history stands where
// it stood at the last save (or, never saved, where it stood when opened: no undo step).
import type { EditorDocument } from '../../src-shared/document/types';
import type { History, HistoryEntry } from '../core/state/history';
import type { SavedMarker } from './project-store';

const topOf = (h: History): HistoryEntry | null => h.undo[h.undo.length - 1] ?? null;

/** Entries are immutable objects, so identity says "same position" even after undo + a new change. */
export function isDirty(document: EditorDocument | null, history: History, saved: SavedMarker | null): boolean {
  if (!document) return false;
  if ((history.pending?.patches.length ?? 0) > 0) return true;
  const savedTop = saved?.documentId === document.id ? saved.top : null;
  return topOf(history) !== savedTop;
}

export function markerFor(document: EditorDocument, history: History): SavedMarker {
  return { documentId: document.id, top: topOf(history) };
}

/** No history position matches it: a restored recovery copy was never saved by the user. */
const NEVER_SAVED: HistoryEntry = Object.freeze({ label: 'never saved', patches: [], inversePatches: [] });
export const unsavedMarker = (document: EditorDocument): SavedMarker => ({ documentId: document.id, top: NEVER_SAVED });

/** The window title: "• " in front when there are unsaved changes. */
export function windowTitle(name: string | undefined, dirty: boolean): string {
  return name ? `${dirty ? '• ' : ''}${name} — Anyfill` : 'Anyfill';
}
