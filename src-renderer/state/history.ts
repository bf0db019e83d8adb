// Runs in: renderer. Undo/redo as immer patches of the document, with a capture policy and gestures.
// [Note: history] Only the document is recorded: never the viewport, the tool or the selection.
// - capture 'immediate': the change is one undo step now;
// - capture 'never': applied without a step (loading, things the user did not do);
// - a gesture (slider drag) merges every change between begin and end into one step.
// Entries are patches, not snapshots, so a 1000-layer document costs only what changed.
import type { Patch } from 'immer';

export type Capture = 'immediate' | 'never';

export interface HistoryEntry {
  readonly patches: readonly Patch[];
  readonly inversePatches: readonly Patch[];
  readonly label: string;
}

export interface History {
  readonly undo: readonly HistoryEntry[];
  readonly redo: readonly HistoryEntry[];
  /** The open gesture, if any: changes accumulate here until endGesture. */
  readonly pending: HistoryEntry | null;
}

export const HISTORY_LIMIT = 200;
export const emptyHistory: History = { undo: [], redo: [], pending: null };

/** Later patches apply after earlier ones; their inverses undo in the opposite order. */
function merge(a: HistoryEntry, b: Omit<HistoryEntry, 'label'>): HistoryEntry {
  return {
    label: a.label,
    patches: [...a.patches, ...b.patches],
    inversePatches: [...b.inversePatches, ...a.inversePatches],
  };
}

function push(h: History, entry: HistoryEntry): History {
  if (entry.patches.length === 0) return { ...h, pending: null };
  const undo = [...h.undo, entry];
  return { undo: undo.length > HISTORY_LIMIT ? undo.slice(-HISTORY_LIMIT) : undo, redo: [], pending: null };
}

export function record(h: History, entry: HistoryEntry, capture: Capture): History {
  if (capture === 'never' || entry.patches.length === 0) return h;
  if (h.pending) return { ...h, pending: merge(h.pending, entry) };
  return push(h, entry);
}

export function beginGesture(h: History, label: string): History {
  if (h.pending) return h;
  return { ...h, pending: { label, patches: [], inversePatches: [] } };
}

export function endGesture(h: History): History {
  return h.pending ? push(h, h.pending) : h;
}

/** Leave the gesture without a step; the caller applies the returned patches to roll it back. */
export function cancelGesture(h: History): { history: History; rollback: readonly Patch[] } {
  return { history: { ...h, pending: null }, rollback: h.pending?.inversePatches ?? [] };
}

/** Step back: the patches to apply and the new history, or null when there is nothing to undo. */
export function undoStep(h0: History): { history: History; apply: readonly Patch[]; label: string } | null {
  const h = endGesture(h0);
  const entry = h.undo[h.undo.length - 1];
  if (!entry) return null;
  return {
    history: { undo: h.undo.slice(0, -1), redo: [...h.redo, entry], pending: null },
    apply: entry.inversePatches,
    label: entry.label,
  };
}

export function redoStep(h0: History): { history: History; apply: readonly Patch[]; label: string } | null {
  const h = endGesture(h0);
  const entry = h.redo[h.redo.length - 1];
  if (!entry) return null;
  return {
    history: { undo: [...h.undo, entry], redo: h.redo.slice(0, -1), pending: null },
    apply: entry.patches,
    label: entry.label,
  };
}

export const canUndo = (h: History): boolean => h.undo.length > 0 || (h.pending?.patches.length ?? 0) > 0;
export const canRedo = (h: History): boolean => h.redo.length > 0;
