// Runs in: vitest (node; type-checked with the DOM types, as it reaches the bridge). A click's answer carries the chosen candidate's logits only; picking another
// candidate before the rest have arrived fetches them (once, however many ask) and then commits the pick
// as one undo step. A pick whose fetch fails says so and leaves the selection as it was.
import { beforeEach, describe, expect, it } from 'vitest';
import type { AssetId, LayerId } from '../../../src-shared/document/ids';
import type { EditorDocument } from '../../../src-shared/document/types';
import { loadCandidateLogits, pickCandidate } from '../../../src-renderer/selection/candidate-logits';
import { getSelectionUi, setSelectionUi } from '../../../src-renderer/selection/selection-store';
import { loadDocument } from '../../../src-renderer/core/state/document-actions';
import { getState } from '../../../src-renderer/core/state/editor-store';
import { photoDocument } from '../../helpers/documents';

const assetId = 'a_abcdefgh' as AssetId;
const selId = 'l_sel1' as LayerId;
const logitsOf = (tag: string) => ({
  encoding: 'i8-grad-deflate-raw' as const,
  size: 256 as const,
  scale: 16 as const,
  base64: `${tag}A==`,
});
const placement = {
  kind: 'sam1-crop' as const,
  width: 10,
  height: 10,
  crop: { width: 1024, height: 1024 },
  sourceRect: { x: 0, y: 0, width: 256, height: 256 },
};

/** The engine, as far as this needs it: segment.candidates answers after `release()` (or fails). */
const calls: string[] = [];
let answer: { resolve: () => void; reject: (e: unknown) => void } | null = null;
(globalThis as unknown as { window: unknown }).window = {
  anyfill: {
    invoke(channel: string) {
      calls.push(channel);
      return new Promise((resolve, reject) => {
        answer = {
          resolve: () => resolve({ candidates: [0, 1, 2].map((index) => ({ index, logits: logitsOf(`C${index}`) })) }),
          reject,
        };
      });
    },
    on: () => () => undefined,
  },
};

const doc = photoDocument(assetId, [
  {
    id: selId,
    kind: 'selection',
    name: 'Selection 1',
    visible: true,
    colour: '#3b82f6',
    assetId,
    prompt: { points: [{ x: 5, y: 5, label: 1 }] },
    sam: { packId: 'mobilesam', resultId: 'r_abcdef12', candidateIndex: 1, logits: logitsOf('C1'), placement },
    strokes: [],
    ops: [],
  },
]);
const selection = () =>
  getState().document!.layers.find((l) => l.id === selId) as Extract<EditorDocument['layers'][number], { kind: 'selection' }>;

beforeEach(() => {
  calls.length = 0;
  answer = null;
  loadDocument(doc, {});
  // The click's answer: every score, the chosen candidate's logits only.
  const candidates = [0, 1, 2].map((index) => ({
    index,
    token: index,
    score: 0.9 - index / 10,
    ...(index === 1 ? { logits: logitsOf('C1') } : {}),
  }));
  setSelectionUi({
    activeId: selId,
    lastRun: { layerId: selId, assetId, resultId: 'r_abcdef12', packId: 'mobilesam', placement, candidates },
  });
});

describe('picking a candidate before its logits arrived', () => {
  it('fetches them once (the thumbnails and the pick share the fetch), then commits the pick as one undo step', async () => {
    const thumbnails = loadCandidateLogits();
    pickCandidate(2);
    expect(calls).toEqual(['segment.candidates']); // one fetch for both
    expect(selection().sam!.candidateIndex).toBe(1); // nothing changes before the logits are here
    answer!.resolve();
    await thumbnails;
    await new Promise((r) => setTimeout(r, 0));
    expect(selection().sam).toMatchObject({ candidateIndex: 2, logits: logitsOf('C2'), resultId: 'r_abcdef12' });
    expect(getState().history.undo.map((e) => e.label)).toEqual(['Select: pick candidate']);
    expect(getSelectionUi().lastRun!.candidates.every((c) => c.logits)).toBe(true);
    // Picked again once they are here: no fetch, one more step.
    pickCandidate(0);
    expect(calls).toEqual(['segment.candidates']);
    expect(selection().sam!.candidateIndex).toBe(0);
  });

  it('a failed fetch says so and leaves the selection as it was', async () => {
    pickCandidate(2);
    answer!.reject({ code: 'NOT_FOUND', message: 'Those mask candidates are no longer available; click again.' });
    await new Promise((r) => setTimeout(r, 0));
    expect(selection().sam!.candidateIndex).toBe(1);
    expect(getState().history.undo).toEqual([]);
    expect(getState().messages.map((m) => m.text)).toContain('Those mask candidates are no longer available; click again.');
  });
});
