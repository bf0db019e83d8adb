// Runs in: vitest (node). Undo/redo as immer patches: capture policy, gestures, redo invalidation.
import { applyPatches, enablePatches, produceWithPatches, type Draft, type Patch } from 'immer';
import { describe, expect, it } from 'vitest';
import {
  beginGesture,
  canRedo,
  canUndo,
  cancelGesture,
  emptyHistory,
  endGesture,
  record,
  redoStep,
  undoStep,
  HISTORY_LIMIT,
  type Capture,
  type History,
} from '../../../src-renderer/core/state/history';

enablePatches();

interface Doc {
  layers: { id: string; opacity: number; visible: boolean }[];
}
const start: Doc = {
  layers: [
    { id: 'a', opacity: 1, visible: true },
    { id: 'b', opacity: 1, visible: true },
  ],
};

/** A tiny stand-in for document-actions.changeDocument. */
function change(state: { doc: Doc; h: History }, label: string, recipe: (d: Draft<Doc>) => void, capture: Capture = 'immediate') {
  const [doc, patches, inversePatches] = produceWithPatches(state.doc, recipe);
  return { doc, h: record(state.h, { label, patches, inversePatches }, capture) };
}
const apply = (doc: Doc, p: readonly Patch[]) => applyPatches(doc, p as Patch[]);

describe('history', () => {
  it('undoes and redoes one step per immediate change', () => {
    let s = { doc: start, h: emptyHistory };
    s = change(s, 'Hide', (d) => void (d.layers[0]!.visible = false));
    s = change(s, 'Delete', (d) => void d.layers.splice(1, 1));
    expect(s.h.undo.map((e) => e.label)).toEqual(['Hide', 'Delete']);
    const u1 = undoStep(s.h)!;
    let doc = apply(s.doc, u1.apply);
    expect(doc.layers).toHaveLength(2);
    const u2 = undoStep(u1.history)!;
    doc = apply(doc, u2.apply);
    expect(doc).toEqual(start);
    expect(canUndo(u2.history)).toBe(false);
    const r1 = redoStep(u2.history)!;
    doc = apply(doc, r1.apply);
    expect(doc.layers[0]!.visible).toBe(false);
    expect(canRedo(r1.history)).toBe(true);
  });

  it('a new change clears redo; a no-op change does not', () => {
    let s = { doc: start, h: emptyHistory };
    s = change(s, 'Hide', (d) => void (d.layers[0]!.visible = false));
    const u = undoStep(s.h)!;
    s = { doc: apply(s.doc, u.apply), h: u.history };
    s = change(s, 'Nothing', () => undefined);
    expect(canRedo(s.h)).toBe(true);
    s = change(s, 'Opacity', (d) => void (d.layers[1]!.opacity = 0.5));
    expect(canRedo(s.h)).toBe(false);
  });

  it("capture 'never' applies without a step", () => {
    const s = change({ doc: start, h: emptyHistory }, 'Load', (d) => void (d.layers[0]!.opacity = 0.2), 'never');
    expect(s.doc.layers[0]!.opacity).toBe(0.2);
    expect(s.h).toBe(emptyHistory);
  });

  it('a gesture (slider drag) is one step that restores the value from before the drag', () => {
    let s = { doc: start, h: beginGesture(emptyHistory, 'Change opacity') };
    for (const v of [0.9, 0.7, 0.55, 0.3]) s = change(s, 'Change opacity', (d) => void (d.layers[0]!.opacity = v));
    expect(s.h.undo).toHaveLength(0);
    s = { ...s, h: endGesture(s.h) };
    expect(s.h.undo).toHaveLength(1);
    const u = undoStep(s.h)!;
    expect(apply(s.doc, u.apply).layers[0]!.opacity).toBe(1);
    const r = redoStep(u.history)!;
    expect(apply(apply(s.doc, u.apply), r.apply).layers[0]!.opacity).toBe(0.3);
  });

  it('an empty gesture leaves history alone; a cancelled one rolls back', () => {
    expect(endGesture(beginGesture(emptyHistory, 'x'))).toEqual(emptyHistory);
    let s = { doc: start, h: beginGesture(emptyHistory, 'Change opacity') };
    s = change(s, 'o', (d) => void (d.layers[1]!.opacity = 0.1));
    s = change(s, 'o', (d) => void (d.layers[1]!.opacity = 0.2));
    const { history, rollback } = cancelGesture(s.h);
    expect(apply(s.doc, rollback)).toEqual(start);
    expect(history.undo).toHaveLength(0);
  });

  it('undo during an open gesture closes it first', () => {
    let s = { doc: start, h: beginGesture(emptyHistory, 'g') };
    s = change(s, 'o', (d) => void (d.layers[0]!.opacity = 0.4));
    expect(canUndo(s.h)).toBe(true);
    const u = undoStep(s.h)!;
    expect(apply(s.doc, u.apply)).toEqual(start);
    expect(u.history.pending).toBeNull();
  });

  it('reorder patches replay correctly', () => {
    let s = { doc: start, h: emptyHistory };
    s = change(s, 'Move', (d) => {
      const [l] = d.layers.splice(0, 1);
      d.layers.splice(1, 0, l!);
    });
    expect(s.doc.layers.map((l) => l.id)).toEqual(['b', 'a']);
    expect(apply(s.doc, undoStep(s.h)!.apply).layers.map((l) => l.id)).toEqual(['a', 'b']);
  });

  it(`keeps at most ${HISTORY_LIMIT} steps`, () => {
    let s = { doc: start, h: emptyHistory };
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) s = change(s, `o${i}`, (d) => void (d.layers[0]!.opacity = (i % 100) / 100));
    expect(s.h.undo).toHaveLength(HISTORY_LIMIT);
    expect(s.h.undo[0]!.label).toBe('o20');
  });
});
