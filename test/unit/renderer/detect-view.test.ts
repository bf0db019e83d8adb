// Runs in: vitest (node). The text-selection panel's pure logic: prompt reading, numbers in words,
// ticked detections, and a detection + SAM answer → the selection object's init.
import { describe, expect, it } from 'vitest';
import type { AssetId } from '../../../src-shared/document/ids';
import { SelectionLayerSchema } from '../../../src-shared/document/selection';
import {
  acceptHistoryLabel,
  acceptLabel,
  allTicked,
  boxColour,
  boxRect,
  chosenCandidate,
  DEFAULT_BOX_THRESHOLD,
  DEFAULT_TEXT_THRESHOLD,
  formatScore,
  formatThreshold,
  phraseSummary,
  progressText,
  PROMPT_HINT,
  promptPhrases,
  selectionInitOf,
  selectionName,
  sliderFromThreshold,
  thresholdFromSlider,
  tickedDetections,
  type Detection,
  type SegmentRunResult,
} from '../../../src-renderer/detect/detect-view';

const det = (index: number, label: string, score = 0.5, phrase = label): Detection => ({
  index,
  label,
  phrase,
  score,
  box: { x0: 10 * index, y0: 20, x1: 10 * index + 30, y1: 60 },
});

const logits = { encoding: 'i8-grad-deflate-raw' as const, size: 256 as const, scale: 16 as const, base64: 'AAAA' };
const seg = (chosen: number, indices = [0, 1, 2]): SegmentRunResult => ({
  resultId: 'r_abcdef12',
  packId: 'mobilesam',
  family: 'sam1',
  candidates: indices.map((index) => ({ index, token: index, score: 0.9 - index * 0.1, logits: { ...logits, base64: `C${index}==` } })),
  chosen,
  placement: {
    kind: 'sam1-crop',
    width: 320,
    height: 240,
    crop: { width: 1024, height: 768 },
    sourceRect: { x: 0, y: 0, width: 256, height: 192 },
  },
  timings: { modelMs: 1, totalMs: 2, overheadMs: 1, embedding: 'memory', embeddingMs: 0 },
});

describe('prompt reading', () => {
  it('splits on full stops, lowercases, trims and drops blanks and repeats (as the engine does)', () => {
    expect(promptPhrases('Red.  green  car . . RED')).toEqual(['red', 'green car']);
    expect(promptPhrases('  ')).toEqual([]);
    expect(promptPhrases('')).toEqual([]);
  });

  it('says how the prompt will be read, or how to write one', () => {
    expect(phraseSummary('')).toBe(PROMPT_HINT);
    expect(PROMPT_HINT).toMatch(/full stop/);
    expect(phraseSummary('red')).toBe('Looking for: red');
    expect(phraseSummary('red. green')).toBe('Looking for 2 things: red · green');
  });
});

describe('numbers', () => {
  it('defaults to Grounding DINO thresholds 0.35 / 0.25', () => {
    expect(DEFAULT_BOX_THRESHOLD).toBe(0.35);
    expect(DEFAULT_TEXT_THRESHOLD).toBe(0.25);
  });

  it('formats thresholds with two decimals and scores as whole percents, clamped', () => {
    expect(formatThreshold(0.35)).toBe('0.35');
    expect(formatThreshold(1.4)).toBe('1.00');
    expect(formatThreshold(Number.NaN)).toBe('0.00');
    expect(formatScore(0.876)).toBe('88 %');
    expect(formatScore(-1)).toBe('0 %');
  });

  it('maps the 0..100 slider to thresholds and back', () => {
    expect(thresholdFromSlider(35)).toBe(0.35);
    expect(thresholdFromSlider(140)).toBe(1);
    expect(sliderFromThreshold(0.25)).toBe(25);
    expect(sliderFromThreshold(thresholdFromSlider(7))).toBe(7);
  });

  it('labels the accept button, the undo step and the progress', () => {
    expect(acceptLabel(0)).toBe('Select objects');
    expect(acceptLabel(1)).toBe('Select 1 object');
    expect(acceptLabel(3)).toBe('Select 3 objects');
    expect(acceptHistoryLabel(1)).toBe('Select by text');
    expect(acceptHistoryLabel(2)).toBe('Select 2 objects by text');
    expect(progressText(0, 3)).toBe('Selecting 1 of 3…');
    expect(progressText(5, 3)).toBe('Selecting 3 of 3…');
  });
});

describe('detections', () => {
  it('ticks all by default and keeps the ticked ones in number order', () => {
    const list = [det(2, 'green'), det(1, 'red'), det(3, 'blue')];
    expect([...allTicked(list)].sort()).toEqual([1, 2, 3]);
    expect(tickedDetections(list, new Set([3, 1])).map((d) => d.label)).toEqual(['red', 'blue']);
    expect(tickedDetections(list, new Set())).toEqual([]);
  });

  it('names a selection by label, else phrase, else its number', () => {
    expect(selectionName(det(1, 'red'))).toBe('red');
    expect(selectionName(det(2, ' ', 0.5, 'a red ball'))).toBe('a red ball');
    expect(selectionName(det(3, '', 0.5, ''))).toBe('Object 3');
    expect(selectionName(det(4, 'x'.repeat(300))).length).toBe(200);
  });

  it('places boxes in document pixels with the layer offset, whatever the corner order', () => {
    const d = { ...det(1, 'red'), box: { x0: 50, y0: 40, x1: 10, y1: 20 } };
    expect(boxRect(d, { x: 5, y: 7 })).toEqual({ x: 15, y: 27, width: 40, height: 20 });
  });

  it('gives each number a stable colour', () => {
    expect(boxColour(1)).toBe(boxColour(9));
    expect(boxColour(1)).not.toBe(boxColour(2));
    expect(boxColour(0)).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('selection init', () => {
  const assetId = 'a_abcdef12' as AssetId;

  it('uses the chosen candidate by its index', () => {
    expect(chosenCandidate(seg(2)).logits!.base64).toBe('C2==');
    // Candidates reordered: the index, not the slot, decides.
    expect(chosenCandidate(seg(1, [2, 1, 0])).index).toBe(1);
    expect(chosenCandidate(seg(7)).index).toBe(0);
  });

  it('builds a valid selection object: box prompt, the detection, SAM logits and placement', () => {
    const d = det(1, 'red', 0.8, 'red');
    const init = selectionInitOf(assetId, d, seg(1));
    expect(init).toMatchObject({
      assetId,
      name: 'red',
      prompt: { points: [], box: d.box, detection: { label: 'red', score: 0.8, box: d.box } },
      sam: { packId: 'mobilesam', resultId: 'r_abcdef12', candidateIndex: 1, logits: { base64: 'C1==' } },
    });
    const layer = { id: 'l_x1', kind: 'selection', visible: true, colour: '#ff0000', strokes: [], ops: [], ...init };
    expect(SelectionLayerSchema.safeParse(layer).success).toBe(true);
    // The prompt's box is a copy: editing one never changes the detection's.
    expect(init.prompt.box).not.toBe(init.prompt.detection!.box);
  });
});
