// Runs in: vitest (node). Refine previews show one-pixel changes (issue 16 #11): on a 2250-px photo shown
// from its 1536-px preview, six committed 1-px grows used to replay as six 0.68-px grows, i.e. nothing;
// now they show as the 6 px they are, and while refining at 100 % zoom the preview is the photo's own size.
import { describe, expect, it } from 'vitest';
import { area, createMask } from '../../../src-shared/masks';
import { applyOps as fullResReplay } from '../../../src-shared/selection/replay';
import { applyOps, opsForPreview, previewSize, refineSize } from '../../../src-renderer/selection/preview-logic';

const grows = Array.from({ length: 6 }, () => ({ kind: 'grow' as const, px: 1 }));

function square(w: number, h: number, side: number) {
  const m = createMask(w, h);
  for (let y = 0; y < side; y++) m.data.fill(255, (100 + y) * w + 100, (100 + y) * w + 100 + side);
  return m;
}

describe('refine previews below full resolution', () => {
  const pv = previewSize(2250, 1500);
  const scale = pv.width / 2250;

  it('six 1-px grows show on the 1536-px preview as one 6-px grow', () => {
    expect(pv.width).toBe(1536);
    const base = square(pv.width, pv.height, 200);
    expect(area(fullResReplay(base, grows, scale))).toBe(area(base)); // what the overlay showed before
    const shown = applyOps(base, grows, scale);
    const side = Math.sqrt(area(shown));
    expect(side).toBeGreaterThan(200 + 2 * 6 * scale - 1.5);
    expect(opsForPreview(grows, scale)).toEqual([{ kind: 'grow', px: 6 }]);
    // One grow is at least a preview pixel; a shrink after a grow stays its own op; full size is untouched.
    expect(
      opsForPreview(
        [
          { kind: 'grow', px: 1 },
          { kind: 'grow', px: -1 },
        ],
        scale,
      ),
    ).toEqual([
      { kind: 'grow', px: 1 / scale },
      { kind: 'grow', px: -1 / scale },
    ]);
    expect(opsForPreview(grows, 1)).toEqual(grows);
  });

  it("while refining, the preview follows the zoom up to the photo's own size (capped for huge photos)", () => {
    expect(refineSize(2250, 1500, 0.44)).toEqual(pv); // zoomed out: the usual preview is already finer
    expect(refineSize(2250, 1500, 1)).toEqual({ width: 2250, height: 1500 });
    expect(refineSize(6000, 4000, 2).width).toBe(4096);
  });
});
