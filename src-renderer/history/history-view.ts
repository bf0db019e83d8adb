// Runs in: renderer. What the history panel lists, as plain data (unit-tested without React).
import { formatBytes, totalBytes } from '../core/state/history-budget';
import type { History } from '../core/state/history';

export interface HistoryRow {
  /** Steps applied when this row is the current point (0: "Open"). */
  readonly index: number;
  readonly label: string;
  readonly state: 'done' | 'current' | 'redo';
}

/** Oldest first, newest at the bottom: "Open", then the undo steps, then the redo steps in redo order. */
export function historyRows(h: History): HistoryRow[] {
  const pos = h.undo.length;
  const labels = ['Open', ...h.undo.map((e) => e.label), ...[...h.redo].reverse().map((e) => e.label)];
  return labels.map((label, index) => ({ index, label, state: index === pos ? 'current' : index < pos ? 'done' : 'redo' }));
}

/** "12 steps · 3.4 MB". */
export function historySummary(h: History): string {
  const steps = h.undo.length + h.redo.length;
  return `${steps} step${steps === 1 ? '' : 's'} · ${formatBytes(totalBytes(h.undo) + totalBytes(h.redo))}`;
}
