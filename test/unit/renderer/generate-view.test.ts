// Runs in: vitest (node). Generative fill's pure logic: the before/after divider geometry, number keys
// choosing candidates, and the notice naming the words the 77-token limit cut.
import { describe, expect, it } from 'vitest';
import { candidateForKey, dividerX, splitAt, visiblePart } from '../../../src-renderer/generate/compare-geometry';
import { droppedWords, promptNotice } from '../../../src-renderer/generate/prompts';

const crop = { x: 100, y: 50, width: 200, height: 100 };

describe('compare divider', () => {
  it('runs from the crop’s left edge (candidate everywhere) to its right edge (original everywhere)', () => {
    expect(dividerX(crop, 0)).toBe(100);
    expect(dividerX(crop, 0.5)).toBe(200);
    expect(dividerX(crop, 1)).toBe(300);
    expect(dividerX(crop, 7)).toBe(300);
  });

  it('a pointer position gives the split, clamped to the crop', () => {
    expect(splitAt(crop, 150)).toBe(0.25);
    expect(splitAt(crop, -20)).toBe(0);
    expect(splitAt(crop, 999)).toBe(1);
    expect(splitAt({ ...crop, width: 0 }, 150)).toBe(0);
  });

  it('shows the candidate only right of the divider', () => {
    const cand = { x: 140, y: 60, width: 100, height: 40 };
    expect(visiblePart(cand, crop, 0)).toEqual(cand);
    expect(visiblePart(cand, crop, 0.5)).toEqual({ x: 200, y: 60, width: 40, height: 40 });
    expect(visiblePart(cand, crop, 0.8)).toBeNull();
  });

  it('1–4 choose among the candidates there are', () => {
    expect(candidateForKey('1', 3)).toBe(0);
    expect(candidateForKey('3', 3)).toBe(2);
    expect(candidateForKey('4', 3)).toBeNull();
    expect(candidateForKey('a', 3)).toBeNull();
    expect(candidateForKey('0', 3)).toBeNull();
  });
});

describe('prompt notice', () => {
  it('names the user’s own words the tokenizer dropped', () => {
    expect(droppedWords('red car parked under a tree99', 'a tree 9 9')).toBe('a tree99');
    expect(droppedWords('Red, CAR', 'car')).toBe('CAR');
    // Tokenizer text that does not line up with the prompt is shown as reported.
    expect(droppedWords('red café', 'cafe')).toBe('cafe');
  });

  it('says nothing when the prompt fit, and shortens a long cut', () => {
    expect(promptNotice({ truncated: false, tokens: 5, kept: 5, dropped: '' }, 'red')).toBeNull();
    const prompt = `red ${Array.from({ length: 30 }, (_, i) => `w${i}`).join(' ')}`;
    const dropped = Array.from({ length: 20 }, (_, i) => `w ${i + 10}`).join(' ');
    const notice = promptNotice({ truncated: true, tokens: 100, kept: 75, dropped }, prompt)!;
    expect(notice).toContain('75 of 100 tokens');
    expect(notice).toContain('“w10 w11 w12 w13 w14 w15 w16 w17 … w27 w28 w29” was left out');
  });
});
