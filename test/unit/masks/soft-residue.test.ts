// Runs in: vitest (node). Fill holes / Remove islands on a soft-edged mask (issue 16 #10): a removed
// island leaves exactly 0 (no faint ring), a filled hole is exactly 255 (no 245–249 rim), while the soft
// edge of what is kept stays as it was, and the cut-out's box is the object's, not the islands'.
import { describe, expect, it } from 'vitest';
import { type Mask, bbox, createMask, feather, fillHoles, removeIslands } from '../../../src-shared/masks';
import { disc } from './shapes';

const [W, H] = [400, 300];
/** A feathered object (disc r 90 with a hole r 14) and small feathered islands, one near its edge. */
function scene(): { mask: Mask; islands: Array<[number, number]>; hole: [number, number] } {
  const hard = disc(createMask(W, H), 200, 150, 90);
  const hole: [number, number] = [180, 140];
  disc(hard, hole[0], hole[1], 14, 0);
  const islands: Array<[number, number]> = [
    [40, 40],
    [360, 260],
    [60, 250],
    [298, 150],
  ]; // the last 4 px off the edge
  for (const [x, y] of islands) disc(hard, x, y, 5);
  return { mask: feather(hard, 3), islands, hole };
}

const within = (x: number, y: number, [cx, cy]: [number, number], r: number) => (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r;

describe('mask operations leave no soft residue', () => {
  it('a removed island is exactly 0 and the object keeps its soft edge', () => {
    const { mask, islands } = scene();
    const out = removeIslands(mask, 200);
    let [faint, changed] = [0, 0];
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const i = y * W + x;
        if (islands.slice(0, 3).some((c) => within(x, y, c, 14))) faint += out.data[i]! > 0 ? 1 : 0;
        // Far from the islands, nothing changed: the object's feathered edge is kept byte for byte.
        else if (!within(x, y, islands[3]!, 14) && out.data[i] !== mask.data[i]) changed++;
      }
    expect({ faint, changed }).toEqual({ faint: 0, changed: 0 });
    // The island beside the object: its centre side goes to 0, the object's edge towards it stays soft.
    expect(out.data[150 * W + 298]).toBe(0);
    expect(out.data[150 * W + 290]).toBe(mask.data[150 * W + 290]);
    expect(out.data[150 * W + 290]).toBeGreaterThan(0);
    // The cut-out is as large as the object (give or take the pixel the near island's fringe adds), not
    // the islands' faint rings.
    const nonZero = (m: Mask) => bbox({ width: W, height: H, data: m.data.map((v) => (v > 0 ? 255 : 0)) })!;
    const [cut, object] = [nonZero(out), nonZero(feather(disc(createMask(W, H), 200, 150, 90), 3))];
    expect([cut.x, cut.y, cut.height]).toEqual([object.x, object.y, object.height]);
    expect(cut.width - object.width).toBeLessThanOrEqual(2);
  });

  it('a filled hole is exactly 255 and the outer soft edge stays', () => {
    const { mask, hole } = scene();
    const out = fillHoles(mask);
    const [notFull, changed] = [[] as number[], [] as number[]];
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const i = y * W + x;
        if (within(x, y, hole, 20)) {
          if (out.data[i] !== 255) notFull.push(out.data[i]!);
        } else if (out.data[i] !== mask.data[i]) changed.push(i);
      }
    expect({ notFull, changed }).toEqual({ notFull: [], changed: [] });
  });
});
