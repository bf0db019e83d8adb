// Runs in: test tooling. The MI-GAN cost twin at 1/4 of its channels, written as an installed migan-512
// pack: Remove's fill (`auto`) on a real photo picks it, the adapter crops, the twin resizes to 512² and
// back inside its graph, and the patch lands with every pixel beyond the feather byte-identical.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraserTwin, type EraserTwin } from '../../helpers/eraser-twin';

let twin: EraserTwin;
beforeAll(async () => (twin = await eraserTwin('migan-512', 0.25)), 60_000);
afterAll(() => twin.cleanup());

describe('the MI-GAN cost twin', () => {
  it('removes an object from a 1600×1067 photo through removeFill, changing nothing beyond the feather', async () => {
    const r = await twin.remove('auto');
    expect(r.method).toBe('migan');
    expect(r.packId).toBe('migan-512');
    expect(r.changedOutside).toBe(0);
    // The twin's random weights paint something other than the photo into the hole (the hole is ~45,000 px).
    expect(r.changedInHole).toBeGreaterThan(0.9 * r.holePixels);
  }, 60_000);
});
