// Runs in: test tooling. The warm-up's made-up mask goes through the real path: its residuals decode to a
// disc, and the preview mask built from them is that disc (so the warm-up compiles the code clicks use).
import { describe, expect, it } from 'vitest';
import { residualsToLogits } from '../../../src-shared/masks';
import { discResiduals } from '../../../src-renderer/segment/warm-up-logits';

describe('mask path warm-up', () => {
  it('encodes a disc of logits that decodes back exactly', () => {
    const logits = residualsToLogits(discResiduals(), 16);
    expect(logits[90 * 256 + 128]).toBeCloseTo(Math.min(127, 240) / 16); // centre: clamped code 127
    expect(logits[90 * 256 + 128 + 70]!).toBeLessThan(0); // outside the radius
    const positive = logits.filter((v) => v > 0).length;
    expect(positive).toBeGreaterThan(Math.PI * 59 * 59 * 0.95);
    expect(positive).toBeLessThan(Math.PI * 61 * 61 * 1.05);
  });
});
