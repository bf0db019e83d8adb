// Runs in: vitest (node). The per-document segment session without a browser: the engine is a stand-in
// bridge (window.anyfill) whose segment.run answers when the test says so. A second click before the
// first is answered builds on its prompt, and the answer that lands is one undo step; a new document gets
// a fresh session, and an answer for the old document never lands on the new one.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssetId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import { SegmentSession } from '../../../src-renderer/segment/segment-runner';
import { SegmentSessions } from '../../../src-renderer/segment/segment-sessions';
import type { SegmentRunRequest, SegmentRunResult } from '../../../src-renderer/core/bridge/segment-types';
import { getState, initialState, setState } from '../../../src-renderer/core/state/editor-store';
import { getSelectionUi, initialSelectionUi, setSelectionUi } from '../../../src-renderer/selection/selection-store';

const ASSET = 'a_photo001' as AssetId;

function photo(id: string): EditorDocument {
  return {
    id,
    schemaVersion: 1,
    name: 'photo',
    width: 400,
    height: 300,
    layers: [{ id: 'L1', kind: 'image', name: 'Photo', assetId: ASSET, visible: true, opacity: 1, x: 0, y: 0, width: 400, height: 300 }],
  } as unknown as EditorDocument;
}

/** A segment.run answer as the engine gives it (one candidate, its logits inline). */
function answer(resultId: string): SegmentRunResult {
  const logits = { encoding: 'i8-grad-deflate-raw' as const, size: 256 as const, scale: 16 as const, base64: 'AA==' };
  return {
    resultId,
    packId: 'mobilesam',
    family: 'sam1',
    candidates: [{ index: 1, token: 1, score: 0.97, logits }],
    chosen: 0, // the slot in candidates
    placement: {
      kind: 'sam1-crop',
      width: 400,
      height: 300,
      crop: { width: 1024, height: 768 },
      sourceRect: { x: 0, y: 0, width: 256, height: 192 },
    },
    timings: { modelMs: 10, totalMs: 12, overheadMs: 2, embedding: 'memory', embeddingMs: 0 },
  } as SegmentRunResult;
}

/** segment.run requests in order, each answered by `reply(i, result)`. */
const runs: Array<{ req: SegmentRunRequest; reply: (r: SegmentRunResult) => void }> = [];
vi.stubGlobal('requestAnimationFrame', (cb: () => void) => setTimeout(cb, 0));
vi.stubGlobal('cancelAnimationFrame', (t: ReturnType<typeof setTimeout>) => clearTimeout(t));
vi.stubGlobal('window', {
  anyfill: {
    invoke: (channel: string, payload: unknown) => {
      if (channel === 'segment.run') return new Promise((resolve) => runs.push({ req: payload as SegmentRunRequest, reply: resolve }));
      if (channel === 'segment.prepare') return Promise.resolve({ packId: 'mobilesam', ms: 1, cached: 'memory' });
      return new Promise(() => undefined); // candidates, prefetch: never needed here
    },
    on: () => () => undefined,
  },
});
afterAll(() => vi.unstubAllGlobals());

const settle = () => new Promise((r) => setTimeout(r, 5));
const selections = () => getState().document?.layers.filter((l) => l.kind === 'selection') ?? [];

beforeEach(() => {
  runs.length = 0;
  setState({ ...initialState, document: photo('doc-1') });
  setSelectionUi({ ...initialSelectionUi, segment: { state: 'ready', packId: 'mobilesam' } });
});

describe('segment session', () => {
  it('a click before the last one is answered builds on its prompt; only the newest answer lands, as one undo step', async () => {
    const session = new SegmentSession();
    session.addPoint(ASSET, { x: 10, y: 10 }, 'new');
    const id = getSelectionUi().activeId;
    expect(session.isPendingSelection(id)).toBe(true);
    session.addPoint(ASSET, { x: 50, y: 40 }, 'add');
    expect(runs.map((r) => r.req.points)).toEqual([
      [{ x: 10, y: 10, label: 1 }],
      [
        { x: 10, y: 10, label: 1 },
        { x: 50, y: 40, label: 1 },
      ],
    ]);
    expect(runs.every((r) => r.req.key === id)).toBe(true);
    runs[0]!.reply(answer('r_first1'));
    await settle();
    expect(selections()).toEqual([]); // superseded by the second click
    runs[1]!.reply(answer('r_second'));
    await settle();
    expect(getState().messages.map((m) => m.text)).toEqual([]);
    expect(selections()).toMatchObject([
      {
        id,
        prompt: {
          points: [
            { x: 10, y: 10 },
            { x: 50, y: 40 },
          ],
        },
        sam: { resultId: 'r_second' },
      },
    ]);
    expect(getState().history.undo).toHaveLength(1);
    expect(session.isPendingSelection(id)).toBe(false);
  });

  it("a new document gets a fresh session, and the old one's answer does not land on it", async () => {
    const sessions = new SegmentSessions();
    const off = sessions.install();
    const first = sessions.current();
    first.addPoint(ASSET, { x: 10, y: 10 }, 'new');
    const id = getSelectionUi().activeId;
    setState({ document: photo('doc-2') });
    const second = sessions.current();
    expect(second).not.toBe(first);
    expect(second.isPendingSelection(id)).toBe(false);
    runs[0]!.reply(answer('r_olddoc'));
    await settle();
    expect(selections()).toEqual([]);
    expect(getState().history.undo).toHaveLength(0);
    off();
  });
});
