// Runs in: tests (node). Pure parts of the selection view: prompts, palette, preview keys, ops scaling,
// brush stroke decimation, colourizing.
import { describe, expect, it } from 'vitest';
import type { AssetId, LayerId } from '../../../src-shared/document/ids';
import type { Layer } from '../../../src-shared/document/types';
import { createMask } from '../../../src-shared/masks';
import { decimate } from '../../../src-renderer/selection/stroke-points';
import { FILL_ALPHA, colourizeRect } from '../../../src-renderer/selection/colour-pixels';
import { SELECTION_PALETTE, hexToRgb, nextSelectionColour, nextSelectionName } from '../../../src-renderer/selection/palette';
import { applyOps, previewKey, previewSize } from '../../../src-renderer/selection/preview-logic';
import {
  MAX_PROMPT_POINTS,
  buildRunRequest,
  clipBox,
  isDrag,
  normaliseBox,
  withBox,
  withPoint,
} from '../../../src-renderer/selection/prompt';
import { stepBrushRadius } from '../../../src-renderer/selection/brush-size';

const assetId = 'a_abcdefgh' as AssetId;
const id = 'l_sel1' as LayerId;
const logits = { encoding: 'i8-grad-deflate-raw' as const, size: 256 as const, scale: 16 as const, base64: 'AA==' };
const placement = {
  kind: 'sam1-crop' as const,
  width: 1500,
  height: 1000,
  crop: { width: 1024, height: 683 },
  sourceRect: { x: 0, y: 0, width: 256, height: 170.75 },
};

function selection(colour: string, name: string): Layer {
  return {
    id: `l_${name.replace(/\W/g, '')}` as LayerId,
    kind: 'selection',
    name,
    visible: true,
    colour,
    assetId,
    prompt: { points: [] },
    sam: null,
    strokes: [],
    ops: [],
  };
}

describe('prompt building', () => {
  it('adds points, keeping the newest 64', () => {
    let p = { points: [] as Array<{ x: number; y: number; label: 0 | 1 }> };
    for (let i = 0; i < 70; i++) p = withPoint(p, { x: i, y: i, label: 1 });
    expect(p.points).toHaveLength(MAX_PROMPT_POINTS);
    expect(p.points[0]!.x).toBe(6);
    expect(p.points[63]!.x).toBe(69);
  });

  it('normalises and clips boxes; tiny or outside boxes are refused', () => {
    expect(normaliseBox({ x0: 10, y0: 20, x1: 0, y1: 5 })).toEqual({ x0: 0, y0: 5, x1: 10, y1: 20 });
    expect(clipBox({ x0: -50, y0: -50, x1: 100, y1: 80 }, 90, 60)).toEqual({ x0: 0, y0: 0, x1: 90, y1: 60 });
    expect(clipBox({ x0: 200, y0: 200, x1: 300, y1: 300 }, 90, 60)).toBeNull();
    expect(clipBox({ x0: 10, y0: 10, x1: 12, y1: 40 }, 90, 60)).toBeNull();
    expect(withBox({ points: [] }, { x0: 5, y0: 5, x1: 1, y1: 1 }).box).toEqual({ x0: 1, y0: 1, x1: 5, y1: 5 });
  });

  it('a request refines from the last result by id with its logits as fallback, keyed by the selection', () => {
    const sam = { packId: 'mobilesam', resultId: 'r_abcdef', candidateIndex: 2, logits, placement };
    const req = buildRunRequest({ id, assetId, sam }, { points: [{ x: 1, y: 2, label: 1 }], box: { x0: 0, y0: 0, x1: 9, y1: 9 } });
    expect(req).toEqual({
      assetId,
      packId: 'mobilesam',
      points: [{ x: 1, y: 2, label: 1 }],
      box: { x0: 0, y0: 0, x1: 9, y1: 9 },
      multimask: true,
      key: id,
      candidateLogits: 'chosen', // the other candidates' logits follow after the frame
      previousLowRes: { resultId: 'r_abcdef', index: 2, fallback: logits },
    });
    expect(buildRunRequest({ id, assetId, sam: { ...sam, resultId: undefined } }, { points: [] }).previousLowRes).toEqual({ logits });
    const first = buildRunRequest({ id, assetId, sam: null }, { points: [{ x: 1, y: 2, label: 1 }] });
    expect(first.previousLowRes).toBeUndefined();
    expect(first.packId).toBeUndefined();
  });

  it('tells a drag from a click', () => {
    expect(isDrag({ x: 0, y: 0 }, { x: 2, y: 2 })).toBe(false);
    expect(isDrag({ x: 0, y: 0 }, { x: 4, y: 0 })).toBe(true);
  });
});

describe('palette and names', () => {
  it('hands out unused colours first, then cycles', () => {
    expect(nextSelectionColour([])).toBe(SELECTION_PALETTE[0]);
    expect(nextSelectionColour([selection(SELECTION_PALETTE[0], 'Selection 1')])).toBe(SELECTION_PALETTE[1]);
    const all = SELECTION_PALETTE.map((c, i) => selection(c, `Selection ${i + 1}`));
    expect(SELECTION_PALETTE).toContain(nextSelectionColour(all));
    expect(hexToRgb('#ff4d6d')).toEqual([255, 77, 109]);
  });

  it('numbers selections after the highest one', () => {
    expect(nextSelectionName([])).toBe('Selection 1');
    expect(nextSelectionName([selection('#ff4d6d', 'Selection 4'), selection('#3ddc97', 'Car')])).toBe('Selection 5');
  });
});

describe('preview', () => {
  it('keys differ by size and ops, and "no ops" is one key', () => {
    expect(previewKey(100, 50, undefined)).toBe(previewKey(100, 50, undefined));
    expect(previewKey(100, 50, undefined)).not.toBe(previewKey(100, 51, undefined));
    expect(previewKey(100, 50, [{ kind: 'invert' }])).not.toBe(previewKey(100, 50, [{ kind: 'fillHoles' }]));
  });

  it('caps the long side and keeps the aspect', () => {
    expect(previewSize(6000, 4000)).toEqual({ width: 1536, height: 1024 });
    expect(previewSize(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('scales op sizes to the preview (grow 10 image px at 0.5 = 5 preview px)', () => {
    const m = createMask(40, 40);
    m.data[20 * 40 + 20] = 255;
    const grown = applyOps(m, [{ kind: 'grow', px: 10 }], 0.5);
    expect(grown.data[20 * 40 + 25]).toBe(255);
    expect(grown.data[20 * 40 + 27]).toBe(0);
    expect(applyOps(m, [{ kind: 'invert' }], 1).data[0]).toBe(255);
  });

  it('colourizes the fill at ~45 % and the outline opaque', () => {
    const m = createMask(5, 5);
    for (let y = 1; y < 4; y++) for (let x = 1; x < 4; x++) m.data[y * 5 + x] = 255;
    const out = new Uint8ClampedArray(5 * 5 * 4);
    colourizeRect(m, out, '#ff0000', 0, 0, 5, 5);
    expect(out[(2 * 5 + 2) * 4 + 3]).toBe(FILL_ALPHA);
    expect(out[(1 * 5 + 1) * 4 + 3]).toBe(255);
    expect([...out.subarray((1 * 5 + 1) * 4, (1 * 5 + 1) * 4 + 3)]).toEqual([255, 0, 0]);
    expect(out[3]).toBe(0);
  });
});

describe('brush', () => {
  it('decimates dense pointer points but keeps the end', () => {
    const pts = Array.from({ length: 101 }, (_, i) => ({ x: i * 0.1, y: 0 }));
    const d = decimate(pts, 1);
    expect(d.length).toBeLessThan(15);
    expect(d[0]).toEqual({ x: 0, y: 0 });
    expect(d[d.length - 1]).toEqual({ x: 10, y: 0 });
  });

  it('steps the radius by ~15 % within limits', () => {
    expect(stepBrushRadius(24, 1)).toBe(28);
    expect(stepBrushRadius(24, -1)).toBe(21);
    expect(stepBrushRadius(1, -1)).toBe(1);
    expect(stepBrushRadius(2, 1)).toBe(3);
  });
});
