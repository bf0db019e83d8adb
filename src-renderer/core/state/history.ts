// Runs in: renderer. Undo/redo as immer patches of the document, with a capture policy and gestures.
// [Note: history] Only the document is recorded: never the viewport, the tool or the selection.
// - capture 'immediate': the change is one undo step now;
// - capture 'never': applied without a step (loading, things the user did not do);
// - a gesture (slider drag) merges every change between begin and end into one step.
// Entries are patches, not snapshots, so a 1000-layer document costs only what changed.
// Memory: steps are sized once when recorded; the oldest go past a byte budget (history-budget.ts).
import type { Patch } from 'immer';
import { HISTORY_BUDGET_BYTES, HISTORY_MIN_STEPS, stepsToDrop, withSize } from './history-budget';

export type Capture = 'immediate' | 'never';

export interface HistoryEntry {
  readonly patches: readonly Patch[];
  readonly inversePatches: readonly Patch[];
  readonly label: string;
  /** Estimated size in bytes, cached when the entry becomes a step. */
  readonly bytes?: number;
}

export interface History {
  readonly undo: readonly HistoryEntry[];
  readonly redo: readonly HistoryEntry[];
  /** The open gesture, if any: changes accumulate here until endGesture. */
  readonly pending: HistoryEntry | null;
  /** Oldest steps dropped (step limit or memory budget) since the document was opened; absent: none. */
  readonly dropped?: number;
}

export const HISTORY_LIMIT = 200;
export const emptyHistory: History = { undo: [], redo: [], pending: null, dropped: 0 };

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
  const undo = [...h.undo, withSize(entry)];
  const drop = stepsToDrop(undo, [], { budget: HISTORY_BUDGET_BYTES, minSteps: HISTORY_MIN_STEPS, maxSteps: HISTORY_LIMIT });
  return { undo: drop ? undo.slice(drop) : undo, redo: [], pending: null, dropped: (h.dropped ?? 0) + drop };
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
    history: { ...h, undo: h.undo.slice(0, -1), redo: [...h.redo, entry], pending: null },
    apply: entry.inversePatches,
    label: entry.label,
  };
}

export function redoStep(h0: History): { history: History; apply: readonly Patch[]; label: string } | null {
  const h = endGesture(h0);
  const entry = h.redo[h.redo.length - 1];
  if (!entry) return null;
  return {
    history: { ...h, undo: [...h.undo, entry], redo: h.redo.slice(0, -1), pending: null },
    apply: entry.patches,
    label: entry.label,
  };
}

export const canUndo = (h: History): boolean => h.undo.length > 0 || (h.pending?.patches.length ?? 0) > 0;
export const canRedo = (h: History): boolean => h.redo.length > 0;

/**
 * Go to the point after `target` steps (0: as opened): every undo or redo in between, in order, as one
 * list of patches, so a click in the history panel is one document change. Null when already there.
 */
export function jumpTo(h0: History, target: number): { history: History; apply: readonly Patch[] } | null {
  let h = endGesture(h0);
  const to = Math.max(0, Math.min(target, h.undo.length + h.redo.length));
  if (to === h.undo.length) return h === h0 ? null : { history: h, apply: [] };
  const apply: Patch[] = [];
  while (h.undo.length !== to) {
    const step = h.undo.length > to ? undoStep(h) : redoStep(h);
    if (!step) break;
    apply.push(...step.apply);
    h = step.history;
  }
  return { history: h, apply };
}
