// Runs in: vitest (node; type-checked with the DOM types). Issue 16's "results where the eye is" in pure
// parts: every toast leaves on its own (errors later), the SAM strip offers the candidates whose best
// score is the default, thumbnails frame the photo around what they show, and file messages name the file.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { namingFile } from '../../../src-renderer/project/file-message';
import { competingCandidates } from '../../../src-renderer/core/bridge/chosen-candidate';
import { getState, setState } from '../../../src-renderer/core/state/editor-store';
import { showError, showNotice } from '../../../src-renderer/core/state/messages';
import { maskRegion, veilPixels } from '../../../src-renderer/core/images/mask-veil';
import { photoBackdrop, withContext } from '../../../src-renderer/core/images/photo-backdrop';

describe('toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setState({ messages: [] });
  });
  afterEach(() => vi.useRealTimers());

  it('a notice leaves after 8 s, an error after 30 s (it stays longer, and has a close button meanwhile)', () => {
    showError('red.png: This file is empty.');
    showNotice('Saved.');
    expect(getState().messages.map((m) => m.kind)).toEqual(['error', 'notice']);
    vi.advanceTimersByTime(8_000);
    expect(getState().messages.map((m) => m.kind)).toEqual(['error']);
    vi.advanceTimersByTime(21_000);
    expect(getState().messages).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(getState().messages).toEqual([]);
  });
});

describe('SAM candidates offered', () => {
  // MobileSAM's stand-in after one click: token 0 scores 0.90 but the engine (official rule) chose token 2.
  const four = [
    { index: 0, token: 0, score: 0.9 },
    { index: 1, token: 1, score: 0.8 },
    { index: 2, token: 2, score: 0.85 },
    { index: 3, token: 3, score: 0.7 },
  ];

  it('one click: the multimask tokens only, so the chosen one is the best score shown', () => {
    const shown = competingCandidates(four, 2);
    expect(shown.map((c) => c.index)).toEqual([1, 2, 3]);
    expect(Math.max(...shown.map((c) => c.score))).toBe(0.85);
  });
  it('several prompts (token 0 chosen): that answer alone, no strip of out-of-rule alternatives', () => {
    expect(competingCandidates(four, 0).map((c) => c.index)).toEqual([0]);
  });
  it('SAM 2 (tokens 1..3) and single-mask exports: all of them', () => {
    expect(competingCandidates(four.slice(1), 1)).toHaveLength(3);
    expect(competingCandidates([{ index: 0, token: null, score: 0.5 }], 0)).toHaveLength(1);
  });
});

describe('thumbnails over the photo', () => {
  it('photoBackdrop puts exactly the region in the box, scaled to fit it', () => {
    const b = photoBackdrop({ x: 100, y: 50, width: 200, height: 100 }, { width: 1000, height: 800 }, { width: 64, height: 64 });
    expect([b.width, b.height]).toEqual([64, 32]);
    expect(b.backgroundSize).toBe('320px 256px');
    expect(b.backgroundPosition).toBe('-32px -16px');
  });
  it('withContext grows a region and keeps it inside the photo', () => {
    expect(withContext({ x: 10, y: 100, width: 100, height: 50 }, { width: 500, height: 400 }, 0.25)).toEqual({
      x: 0,
      y: 75,
      width: 135,
      height: 100,
    });
  });
  it('a mask region frames the mask with context; the veil darkens outside and tints inside', () => {
    const grid = {
      width: 10,
      height: 10,
      mask: Array.from({ length: 100 }, (_, i) => (i % 10 >= 4 && i % 10 < 6 && i >= 40 && i < 60 ? 1 : 0)),
    };
    const photo = { width: 100, height: 100 };
    const region = maskRegion(grid, photo);
    expect(region).toEqual({ x: 34, y: 34, width: 32, height: 32 });
    const veil = veilPixels(grid, photo, region, 8, 8, [255, 0, 0]);
    const at = (x: number, y: number) => [...veil.subarray((y * 8 + x) * 4, (y * 8 + x) * 4 + 4)];
    expect(at(4, 4)).toEqual([255, 0, 0, 70]); // inside: the photo shows through a light tint
    expect(at(0, 0)[3]).toBeGreaterThan(150); // outside: darkened photo
    expect(maskRegion({ width: 4, height: 4, mask: new Uint8Array(16) }, photo)).toEqual({ x: 0, y: 0, width: 100, height: 100 });
  });
});

describe('file messages', () => {
  it('lead with the file name, once', () => {
    expect(namingFile('notes.png', 'This is a text file, not an image.')).toBe('notes.png: This is a text file, not an image.');
    expect(namingFile('a.jpg', 'Could not display a.jpg; try again.')).toBe('Could not display a.jpg; try again.');
    expect(namingFile(undefined, 'Could not open that file.')).toBe('Could not open that file.');
  });
});
