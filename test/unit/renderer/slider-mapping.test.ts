// Runs in: vitest (node). The refine sliders' value mapping (issue 16 #11): grow is fine near 0 (a
// position 12 of 100 off the middle, about a 6-px drag, is 1 px, not 12) and still reaches ±100; arrow
// keys step the value itself by 1; typed numbers land in range (islands: an area).
import { describe, expect, it } from 'vitest';
import {
  islandAreaOf,
  sliderPosition,
  sliderValueAt,
  steppedValue,
  typedText,
  typedValue,
} from '../../../src-renderer/mask-ops/mask-op-view';

describe('refine slider mapping', () => {
  it('grow is signed-quadratic and round-trips every whole value', () => {
    expect([
      sliderValueAt('grow', 12),
      sliderValueAt('grow', -12),
      sliderValueAt('grow', 50),
      sliderValueAt('grow', 100),
      sliderValueAt('grow', -100),
    ]).toEqual([1, -1, 25, 100, -100]);
    for (let v = -100; v <= 100; v++) expect(sliderValueAt('grow', sliderPosition('grow', v))).toBe(v);
    expect(sliderValueAt('feather', 7)).toBe(7);
  });

  it('arrow keys step by one of the value, PageUp/PageDown by ten, within range; other keys are not steps', () => {
    expect([
      steppedValue('grow', 0, 'ArrowRight'),
      steppedValue('grow', 0, 'ArrowDown'),
      steppedValue('grow', 95, 'PageUp'),
      steppedValue('feather', 0, 'ArrowLeft'),
    ]).toEqual([1, -1, 100, 0]);
    expect(steppedValue('grow', 3, 'a')).toBeNull();
  });

  it('typed values: clamped whole pixels, islands as an area', () => {
    expect([typedValue('grow', '-3'), typedValue('grow', '250'), typedValue('feather', '2.6'), typedValue('grow', 'x')]).toEqual([
      -3,
      100,
      3,
      null,
    ]);
    const islands = typedValue('removeIslands', '400')!;
    expect(islandAreaOf(islands)).toBe(400);
    expect(typedText('removeIslands', islands)).toBe('400');
  });
});
