// Runs in: vitest (node; type-checked with the DOM types, as the preview reaches the image cache). A click's
// answer made into its mask before the commit (the press's answer, while the button is down) is the mask
// the committed selection shows: the same object, equal to the replay's. A selection with strokes never
// gets that shared mask, and painting its strokes leaves the shared one as it was.
import { describe, expect, it } from 'vitest';
import type { AssetId, LayerId } from '../../../src-shared/document/ids';
import type { SelectionLayer } from '../../../src-shared/document/selection';
import { area } from '../../../src-shared/masks';
import { replaySelection } from '../../../src-shared/selection/replay';
import { prepareAnswerMask } from '../../../src-renderer/segment/answer-mask';
import { decodeLogitsNow, previewMaskNow, previewSize } from '../../../src-renderer/selection/preview-mask';
import type { SegmentRunResult } from '../../../src-renderer/core/bridge/segment-types';
import { discResiduals } from '../../../src-renderer/segment/warm-up-logits';

// A 12-megapixel photo; SAM 1 places the 256² logits over its longer side.
const placement = {
  kind: 'sam1-crop' as const,
  width: 4243,
  height: 2828,
  crop: { width: 1024, height: 682.5 },
  sourceRect: { x: 0, y: 0, width: 256, height: 170.6 },
};

/** The warm-up's disc of logits (cells 128, 90, radius 60), encoded as the wire carries it. */
async function discLogits() {
  const stream = new Blob([discResiduals() as BlobPart]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const data = new Uint8Array(await new Response(stream).arrayBuffer());
  return { encoding: 'i8-grad-deflate-raw', size: 256, scale: 16, base64: btoa(String.fromCharCode(...data)) } as const;
}
type Logits = Awaited<ReturnType<typeof discLogits>>;

function answer(logits: Logits): SegmentRunResult {
  return {
    resultId: 'r_press1',
    packId: 'mobilesam',
    family: 'sam1',
    candidates: [{ index: 0, token: null, score: 0.9, logits }],
    chosen: 0,
    placement,
    timings: { modelMs: 20, totalMs: 22, overheadMs: 1, embedding: 'memory', embeddingMs: 0 },
  } as SegmentRunResult;
}

function layer(logits: Logits, strokes: SelectionLayer['strokes'] = []): SelectionLayer {
  return {
    id: 'l_sel1' as LayerId,
    kind: 'selection',
    name: 'Selection 1',
    visible: true,
    colour: '#3b82f6',
    assetId: 'a_abcdefgh' as AssetId,
    prompt: { points: [{ x: 1500, y: 1200, label: 1 }] },
    sam: { packId: 'mobilesam', resultId: 'r_press1', candidateIndex: 0, logits, placement },
    strokes,
    ops: [],
  };
}

const size = previewSize(placement.width, placement.height);

describe('an answer’s mask made before its commit', () => {
  it('is the mask the committed selection shows, equal to the replay, made once', async () => {
    const logits = await discLogits();
    const prepared = prepareAnswerMask(answer(logits));
    const committed = layer(logits);
    const shown = previewMaskNow(committed, size.width, size.height)!;
    expect(shown).toBe(prepared); // made before the commit, not again by it
    const expected = replaySelection(committed, { logits: decodeLogitsNow(logits) }, size.width, size.height, placement.width);
    expect(shown.data).toEqual(expected.data);
    expect(area(shown)).toBeGreaterThan(1000);
    // Undo and redo give new layer objects with the same logits: still no new mask.
    expect(previewMaskNow({ ...committed }, size.width, size.height)).toBe(shown);
  });

  it('a selection with strokes replays them on its own mask and leaves the shared one untouched', async () => {
    const logits = await discLogits();
    prepareAnswerMask(answer(logits));
    const plain = previewMaskNow(layer(logits), size.width, size.height)!;
    const before = Uint8Array.from(plain.data);
    const erase = [{ mode: 'erase' as const, radius: 200, hardness: 1, points: [{ x: 2121, y: 1491 }] }];
    const painted = previewMaskNow(layer(logits, erase), size.width, size.height)!;
    expect(painted).not.toBe(plain);
    expect(area(painted)).toBeLessThan(area(plain));
    expect(plain.data).toEqual(before);
  });

  it('logits that do not decode are left for the commit to report', async () => {
    const broken = { ...(await discLogits()), base64: btoa('not deflate') };
    expect(prepareAnswerMask(answer(broken))).toBeUndefined();
  });
});
