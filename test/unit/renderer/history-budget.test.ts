// Runs in: vitest (node). Undo memory: sizes estimated once, trimmed to a byte budget but never below
// a minimum number of steps, and never above the step limit; the panel's rows and jumps.
import type { Patch } from 'immer';
import { describe, expect, it } from 'vitest';
import { emptyHistory, HISTORY_LIMIT, jumpTo, record, type History, type HistoryEntry } from '../../../src-renderer/core/state/history';
import {
  entryBytes,
  estimateBytes,
  formatBytes,
  HISTORY_BUDGET_BYTES,
  HISTORY_MIN_STEPS,
  stepsToDrop,
  withSize,
} from '../../../src-renderer/core/state/history-budget';
import { historyRows, historySummary } from '../../../src-renderer/history/history-view';

/** A step that sets /layers/0/logits to a string of `size` characters (a base64 logits stand-in). */
function big(label: string, size: number): HistoryEntry {
  const value = 'x'.repeat(size);
  const patch: Patch = { op: 'replace', path: ['layers', 0, 'logits'], value };
  return { label, patches: [patch], inversePatches: [{ ...patch, value: '' }] };
}
const small = (label: string, v: number): HistoryEntry => ({
  label,
  patches: [{ op: 'replace', path: ['layers', 0, 'opacity'], value: v }],
  inversePatches: [{ op: 'replace', path: ['layers', 0, 'opacity'], value: 1 }],
});
const limits = { budget: 1000, minSteps: 3, maxSteps: 10 };

describe('history memory', () => {
  it('estimates strings by length, typed arrays by bytes, and structures by their parts', () => {
    expect(estimateBytes('a'.repeat(1000))).toBeGreaterThanOrEqual(1000);
    expect(estimateBytes(new Float32Array(256))).toBe(1024);
    expect(estimateBytes({ points: [{ x: 1, y: 2 }] })).toBeGreaterThan(16);
    expect(entryBytes(big('b', 5000))).toBeGreaterThanOrEqual(5000);
  });

  it('sizes a step once, when it is recorded, and trims by that cached size', () => {
    const h = record(emptyHistory, big('a', 5000), 'immediate');
    const bytes = h.undo[0]!.bytes!;
    expect(bytes).toBeGreaterThanOrEqual(5000);
    expect(withSize(h.undo[0]!)).toBe(h.undo[0]); // already sized: not estimated again
    // The cached number is what counts, not a fresh walk of the patches.
    const lying = { ...big('huge', 100_000), bytes: 10 };
    expect(stepsToDrop([lying, lying, lying, lying], [], limits)).toBe(0);
  });

  it('drops the oldest steps past the budget but keeps the minimum', () => {
    const undo = Array.from({ length: 8 }, (_, i) => withSize(big(`b${i}`, 400)));
    expect(stepsToDrop(undo, [], limits)).toBe(8 - limits.minSteps); // 3 × ~800 B is still over 1000: the minimum wins
    const smallOnes = Array.from({ length: 8 }, (_, i) => withSize(big(`s${i}`, 50)));
    const drop = stepsToDrop(smallOnes, [], limits);
    const kept = smallOnes.slice(drop).reduce((n, e) => n + e.bytes!, 0);
    expect(kept).toBeLessThanOrEqual(limits.budget);
    expect(smallOnes.slice(drop - 1).reduce((n, e) => n + e.bytes!, 0)).toBeGreaterThan(limits.budget);
  });

  it('counts redo steps in the total but only drops undo steps', () => {
    const redo = Array.from({ length: 2 }, (_, i) => withSize(big(`r${i}`, 400)));
    const undo = Array.from({ length: 2 }, (_, i) => withSize(big(`u${i}`, 10)));
    expect(stepsToDrop(undo, [], limits)).toBe(0); // small on their own
    expect(stepsToDrop(undo, redo, limits)).toBe(1); // the redo steps push it over; 3 steps (the minimum) stay
    expect(stepsToDrop([...undo, ...undo], redo, limits)).toBe(3);
    expect(stepsToDrop(undo.slice(0, 1), [...redo, ...redo], limits)).toBe(1); // every undo step can go, never a redo one
  });

  it('a history of big steps is trimmed to the budget, keeping at least the minimum', () => {
    const size = 4 * 1024 * 1024; // 4 M characters each way: ~8 MB a step
    let h: History = emptyHistory;
    for (let i = 0; i < 30; i++) h = record(h, big(`g${i}`, size), 'immediate');
    const total = h.undo.reduce((n, e) => n + e.bytes!, 0);
    expect(h.undo.length).toBe(HISTORY_MIN_STEPS);
    expect(total).toBeGreaterThan(HISTORY_BUDGET_BYTES); // the minimum outranks the budget
    expect(h.undo[0]!.label).toBe('g10');
    expect(h.dropped).toBe(10);
  });

  it('small steps are kept up to the step limit', () => {
    let h: History = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = record(h, small(`o${i}`, (i % 100) / 100), 'immediate');
    expect(h.undo).toHaveLength(HISTORY_LIMIT);
    expect(h.dropped).toBe(5);
  });

  it('formats sizes for the panel', () => {
    expect(formatBytes(96)).toBe('96 B');
    expect(formatBytes(812 * 1024)).toBe('812 KB');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MB');
  });
});

describe('history panel rows and jumps', () => {
  const four = [small('a', 0.1), small('b', 0.2), small('c', 0.3), small('d', 0.4)].reduce<History>(
    (h, e) => record(h, e, 'immediate'),
    emptyHistory,
  );

  it('lists Open, then the steps oldest first; the current one marked, redo steps after it', () => {
    expect(historyRows(four).map((r) => `${r.label}:${r.state}`)).toEqual(['Open:done', 'a:done', 'b:done', 'c:done', 'd:current']);
    const back = jumpTo(four, 1)!;
    expect(historyRows(back.history).map((r) => `${r.label}:${r.state}`)).toEqual(['Open:done', 'a:current', 'b:redo', 'c:redo', 'd:redo']);
    expect(historySummary(four)).toMatch(/^4 steps · \d+ B$/);
  });

  it('a jump gathers every undo (or redo) patch in order; jumping to where it is does nothing', () => {
    const back = jumpTo(four, 1)!;
    expect(back.apply.map((p) => p.value)).toEqual([1, 1, 1]); // d, c, b undone
    expect(back.history.undo.map((e) => e.label)).toEqual(['a']);
    const fwd = jumpTo(back.history, 4)!;
    expect(fwd.apply.map((p) => p.value)).toEqual([0.2, 0.3, 0.4]);
    expect(fwd.history.undo.map((e) => e.label)).toEqual(['a', 'b', 'c', 'd']);
    expect(jumpTo(four, 4)).toBeNull();
    expect(jumpTo(four, 99)).toBeNull(); // clamped
    expect(jumpTo(four, 0)!.history.undo).toHaveLength(0);
  });
});
