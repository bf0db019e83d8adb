// Runs in: renderer. How much memory the undo history holds, and trimming it to a byte budget.
// [Note: history] A step limit alone is not enough: one selection step can carry a base64 logits string of
// hundreds of kilobytes, while a visibility toggle is a few bytes. So the oldest steps go while the
// history is over HISTORY_BUDGET_BYTES, but a minimum number of steps always stays undoable.
import type { Patch } from 'immer';

export const HISTORY_BUDGET_BYTES = 64 * 1024 * 1024;
/** Never trim below this many steps for memory (the step limit still applies). */
export const HISTORY_MIN_STEPS = 20;

/** A step with its size: estimated once, when it becomes a step, then read from here. */
export interface SizedEntry {
  readonly patches: readonly Patch[];
  readonly inversePatches: readonly Patch[];
  readonly bytes?: number;
}

/**
 * A cheap structural estimate of a value's size in memory: strings by length (base64 logits dominate),
 * numbers 8, keys by length. It walks plain data only; patches never hold cycles.
 */
export function estimateBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 2 + value.length;
    case 'number':
      return 8;
    case 'boolean':
      return 4;
    case 'undefined':
      return 0;
    case 'object': {
      if (value === null) return 4;
      if (ArrayBuffer.isView(value)) return value.byteLength;
      if (value instanceof ArrayBuffer) return value.byteLength;
      let n = 16;
      if (Array.isArray(value)) for (const v of value) n += estimateBytes(v);
      else for (const [k, v] of Object.entries(value)) n += k.length + estimateBytes(v);
      return n;
    }
    default:
      return 8;
  }
}

const patchBytes = (ps: readonly Patch[]): number =>
  ps.reduce((n, p) => n + 24 + p.op.length + estimateBytes(p.path) + estimateBytes(p.value), 0);

/** The entry's own estimate: patches and inverse patches together. */
export const estimateEntry = (e: SizedEntry): number => patchBytes(e.patches) + patchBytes(e.inversePatches);

/** The cached size, or a fresh estimate for an entry that was never sized. */
export const entryBytes = (e: SizedEntry): number => e.bytes ?? estimateEntry(e);

/** The same entry with its size cached (unchanged when it already has one). */
export function withSize<E extends SizedEntry>(e: E): E {
  return e.bytes === undefined ? { ...e, bytes: estimateEntry(e) } : e;
}

export const totalBytes = (entries: readonly SizedEntry[]): number => entries.reduce((n, e) => n + entryBytes(e), 0);

export interface TrimLimits {
  readonly budget: number;
  readonly minSteps: number;
  readonly maxSteps: number;
}

/**
 * How many of the oldest undo steps to drop: while there are more than maxSteps steps, or while
 * undo + redo together are over the budget and more than minSteps steps remain. Redo steps are
 * counted but never dropped (they are the newest work the user stepped back from).
 */
export function stepsToDrop(undo: readonly SizedEntry[], redo: readonly SizedEntry[], limits: TrimLimits): number {
  let total = totalBytes(undo) + totalBytes(redo);
  const steps = undo.length + redo.length;
  let drop = 0;
  while (drop < undo.length) {
    const left = steps - drop;
    const overCount = left > limits.maxSteps;
    const overBytes = total > limits.budget && left > limits.minSteps;
    if (!overCount && !overBytes) break;
    total -= entryBytes(undo[drop]!);
    drop++;
  }
  return drop;
}

/** "3.4 MB", "812 KB", "96 B": for the history panel. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}
