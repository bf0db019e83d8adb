// Runs in: vitest (node). Projects in the renderer, the pure parts: the autosave scheduler (fake timers),
// the unsaved-changes marker and the title, and the words (file name, recovery question).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import { emptyHistory, record, undoStep, type History, type HistoryEntry } from '../../../src-renderer/core/state/history';
import { AutosaveScheduler } from '../../../src-renderer/project/autosave-scheduler';
import { isDirty, markerFor, unsavedMarker, windowTitle } from '../../../src-renderer/project/dirty';
import { offerText, projectBaseName } from '../../../src-renderer/project/project-text';

const doc = (id = 'doc_a', layers = 1) =>
  ({ id, name: 'a.png', layers: Array.from({ length: layers }, () => ({})) }) as unknown as EditorDocument;
const step = (label: string): HistoryEntry => ({
  label,
  patches: [{ op: 'replace', path: ['name'], value: label }],
  inversePatches: [{ op: 'replace', path: ['name'], value: 'x' }],
});
const change = (h: History, label: string) => record(h, step(label), 'immediate');

describe('autosave scheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(wanted = (_d: object) => true) {
    const saves: object[] = [];
    let release: (() => void) | null = null;
    let hold = false;
    const s = new AutosaveScheduler<object>({
      delayMs: 3000,
      wanted,
      save: (d) => {
        saves.push(d);
        return hold ? new Promise<void>((r) => (release = r)) : Promise.resolve();
      },
    });
    return {
      s,
      saves,
      holdNext: () => (hold = true),
      finish: () => {
        hold = false;
        release?.();
      },
    };
  }

  it('writes 3 s after the last change, once per document value', async () => {
    const { s, saves } = setup();
    const a = doc();
    s.changed(a);
    await vi.advanceTimersByTimeAsync(2000);
    const b = doc();
    s.changed(b); // a change restarts the wait
    await vi.advanceTimersByTimeAsync(2999);
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual([b]);
    s.changed(b); // nothing changed since: no second copy
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saves).toHaveLength(1);
  });

  it('skips what is not wanted and a closed document', async () => {
    const { s, saves } = setup((d) => (d as EditorDocument).layers.length > 0);
    s.changed(doc('doc_a', 0));
    await vi.advanceTimersByTimeAsync(5000);
    s.changed(doc());
    s.changed(null);
    await vi.advanceTimersByTimeAsync(5000);
    expect(saves).toEqual([]);
  });

  it('never writes while a write is running; a change meanwhile is written once it ends', async () => {
    const { s, saves, holdNext, finish } = setup();
    holdNext();
    const a = doc();
    s.changed(a);
    await vi.advanceTimersByTimeAsync(3000);
    const b = doc();
    s.changed(b);
    await vi.advanceTimersByTimeAsync(3000);
    expect(saves).toEqual([a]); // b waits for a
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(saves).toEqual([a, b]);
  });

  it('queues a discard after the write in flight, so the copy cannot come back', async () => {
    const { s, saves, holdNext, finish } = setup();
    const order: string[] = [];
    holdNext();
    s.changed(doc());
    await vi.advanceTimersByTimeAsync(3000);
    const discarded = s.enqueue(async () => void order.push(`discard after ${saves.length} write(s)`));
    await vi.advanceTimersByTimeAsync(100);
    expect(order).toEqual([]);
    finish();
    await discarded;
    expect(order).toEqual(['discard after 1 write(s)']);
  });

  it('a failed write is reported and retried only after the next change', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const s = new AutosaveScheduler<object>({
      delayMs: 3000,
      wanted: () => true,
      save: () => (calls++, Promise.reject(new Error('disk full'))),
      onError: (e) => errors.push(e),
    });
    const a = doc();
    s.changed(a);
    await vi.advanceTimersByTimeAsync(10_000);
    expect([calls, errors.length]).toEqual([1, 1]);
    s.changed(a); // the same value again after a failure: still worth a try
    await vi.advanceTimersByTimeAsync(3000);
    expect(calls).toBe(2);
  });
});

describe('unsaved changes', () => {
  it('clean when opened, dirty after a change, clean again after undo back to the save point', () => {
    const a = doc();
    let h: History = emptyHistory;
    expect(isDirty(a, h, null)).toBe(false);
    h = change(h, 'one');
    expect(isDirty(a, h, null)).toBe(true);
    const saved = markerFor(a, h);
    expect(isDirty(a, h, saved)).toBe(false);
    h = change(h, 'two');
    expect(isDirty(a, h, saved)).toBe(true);
    h = undoStep(h)!.history;
    expect(isDirty(a, h, saved)).toBe(false);
    h = undoStep(h)!.history; // before the save point
    expect(isDirty(a, h, saved)).toBe(true);
    h = change(h, 'three'); // same undo depth as at the save, another change
    expect(isDirty(a, h, saved)).toBe(true);
  });

  it('a marker of another document does not count; a restored copy counts as unsaved; no document is never dirty', () => {
    const h = change(emptyHistory, 'one');
    expect(isDirty(doc('doc_b'), h, markerFor(doc('doc_a'), h))).toBe(true);
    expect(isDirty(doc(), emptyHistory, unsavedMarker(doc()))).toBe(true);
    expect(isDirty(null, h, null)).toBe(false);
  });

  it('an open gesture is unsaved', () => {
    const h: History = { ...emptyHistory, pending: step('drag') };
    expect(isDirty(doc(), h, null)).toBe(true);
  });

  it('the title shows • for unsaved changes', () => {
    expect(windowTitle('a.png', true)).toBe('• a.png — Anyfill');
    expect(windowTitle('a.png', false)).toBe('a.png — Anyfill');
    expect(windowTitle(undefined, true)).toBe('Anyfill');
  });
});

describe('project words', () => {
  it('names the saved file after the document without its image extension', () => {
    expect(projectBaseName('truck.jpg')).toBe('truck');
    expect(projectBaseName('holiday.anyfill')).toBe('holiday');
    expect(projectBaseName('notes.v2')).toBe('notes.v2');
    expect(projectBaseName('.png')).toBe('Untitled');
  });

  it('asks about a recovery copy by name and time', () => {
    const offer = { documentId: 'doc_a' as DocumentId, name: 'truck.jpg', savedAt: new Date(2026, 0, 5, 14, 32).toISOString(), bytes: 10 };
    expect(offerText(offer, new Date(2026, 0, 5, 18, 0))).toMatch(
      /^Anyfill closed unexpectedly\. Restore “truck\.jpg” from .*(14|0?2).32.*\?$/,
    );
    expect(offerText(offer, new Date(2026, 0, 9))).toMatch(/Jan.*5.*2026/);
  });
});
