// Runs in: vitest (node). The mask-operations panel's pure logic: slider values → ops, labels, previews.
import { describe, expect, it } from 'vitest';
import { MaskOpSchema, type MaskOp } from '../../../src-shared/document/selection';
import {
  canAddOp,
  islandAreaOf,
  MAX_OPS,
  opLabel,
  opsSummary,
  previewOps,
  SLIDERS,
  sliderOp,
  sliderText,
} from '../../../src-renderer/mask-ops/mask-op-view';

describe('sliderOp', () => {
  it('makes nothing at the resting value', () => {
    expect(sliderOp('grow', 0)).toBeNull();
    expect(sliderOp('feather', 0)).toBeNull();
    expect(sliderOp('smooth', 0)).toBeNull();
  });

  it('grows with positive and shrinks with negative px, clamped to the slider', () => {
    expect(sliderOp('grow', 8)).toEqual({ kind: 'grow', px: 8 });
    expect(sliderOp('grow', -3)).toEqual({ kind: 'grow', px: -3 });
    expect(sliderOp('grow', 999)).toEqual({ kind: 'grow', px: SLIDERS.grow.max });
    expect(sliderOp('grow', Number.NaN)).toBeNull();
  });

  it('feathers and smooths by radius, removes islands by area', () => {
    expect(sliderOp('feather', 4)).toEqual({ kind: 'feather', radius: 4 });
    expect(sliderOp('smooth', 2.6)).toEqual({ kind: 'smooth', radius: 3 });
    expect(sliderOp('removeIslands', 20)).toEqual({ kind: 'removeIslands', minArea: 400 });
    expect(islandAreaOf(0)).toBe(1);
  });

  it('always makes ops the document schema accepts', () => {
    for (const kind of ['grow', 'feather', 'smooth', 'removeIslands'] as const) {
      const s = SLIDERS[kind];
      for (const v of [s.min, s.rest, s.max, (s.min + s.max) / 2]) {
        const op = sliderOp(kind, v);
        if (op) expect(MaskOpSchema.safeParse(op).success).toBe(true);
      }
    }
  });
});

describe('labels', () => {
  it('names each undo step', () => {
    const cases: Array<[MaskOp, string]> = [
      [{ kind: 'fillHoles' }, 'Fill holes'],
      [{ kind: 'removeIslands', minArea: 1600 }, 'Remove islands < 1,600 px'],
      [{ kind: 'grow', px: 8 }, 'Grow 8 px'],
      [{ kind: 'grow', px: -3 }, 'Shrink 3 px'],
      [{ kind: 'feather', radius: 2.5 }, 'Feather 2.5 px'],
      [{ kind: 'smooth', radius: 4 }, 'Smooth 4 px'],
      [{ kind: 'invert' }, 'Invert selection'],
    ];
    for (const [op, label] of cases) expect(opLabel(op)).toBe(label);
  });

  it('shows slider values in words', () => {
    expect(sliderText('grow', 10)).toBe('+10 px');
    expect(sliderText('grow', -4)).toBe('-4 px');
    expect(sliderText('grow', 0)).toBe('0 px');
    expect(sliderText('feather', 6)).toBe('6 px');
    expect(sliderText('removeIslands', 40)).toBe('< 1,600 px');
  });

  it('summarises the applied ops, newest three', () => {
    expect(opsSummary([])).toBe('No operations yet');
    expect(opsSummary([{ kind: 'invert' }, { kind: 'grow', px: 2 }])).toBe('Invert selection → Grow 2 px');
    const many: MaskOp[] = [{ kind: 'fillHoles' }, { kind: 'invert' }, { kind: 'grow', px: 2 }, { kind: 'smooth', radius: 1 }];
    expect(opsSummary(many)).toBe('… → Invert selection → Grow 2 px → Smooth 1 px');
  });
});

describe('preview', () => {
  it('replays the layer ops then the pending one, without changing the layer', () => {
    const ops: MaskOp[] = [{ kind: 'fillHoles' }];
    const out = previewOps(ops, { kind: 'grow', px: 5 });
    expect(out).toEqual([{ kind: 'fillHoles' }, { kind: 'grow', px: 5 }]);
    expect(ops).toHaveLength(1);
  });

  it('stops at the schema cap', () => {
    expect(canAddOp(Array.from({ length: MAX_OPS - 1 }, () => ({ kind: 'invert' as const })))).toBe(true);
    expect(canAddOp(Array.from({ length: MAX_OPS }, () => ({ kind: 'invert' as const })))).toBe(false);
  });
});
