// Runs in: tests (Node). The outpaint seams (issue 16 #7): a flat yellow photo extended on three sides in
// many overlapping windows, with the SD stand-in driving every repainted pixel to the prompt's colour.
// The whole canvas must stay flat: no column (or row) may depart from its neighbours by more than a few
// levels, neither at the original's edge nor where windows overlap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outpaintPixels } from '../../../src-main/engine/diffusion/outpaint-service';
import type { Pixels } from '../../../src-main/engine/images/pixels';
import { SETTINGS, standinModels } from './helpers';

let env: Awaited<ReturnType<typeof standinModels>>;
beforeAll(async () => (env = await standinModels((id) => id === 'sd15-inpaint')));
afterAll(() => env.cleanup());

function flat(width: number, height: number, rgb: number[]): Pixels {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { data, width, height, channels: 3 };
}

/** The largest difference, over channels, between any pixel and its right or lower neighbour, and where. */
function largestStep(p: Pixels): { step: number; x: number; y: number } {
  let worst = { step: 0, x: -1, y: -1 };
  const at = (x: number, y: number, c: number) => p.data[(y * p.width + x) * 3 + c]!;
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++)
      for (let c = 0; c < 3; c++) {
        const step = Math.max(
          x + 1 < p.width ? Math.abs(at(x + 1, y, c) - at(x, y, c)) : 0,
          y + 1 < p.height ? Math.abs(at(x, y + 1, c) - at(x, y, c)) : 0,
        );
        if (step > worst.step) worst = { step, x, y };
      }
  return worst;
}

describe('outpaint seams on a flat colour', () => {
  it('extending a yellow photo with "yellow" leaves no stripe at the edge or between windows', async () => {
    const image = flat(240, 160, [255, 255, 0]);
    const deps = { modelsDir: env.dir, pool: env.pool, queue: env.queue };
    const out = await outpaintPixels(
      image,
      { left: 40, right: 44, top: 36, bottom: 0 },
      'stretch',
      { ...SETTINGS, prompt: 'yellow', steps: 3, side: 128 },
      deps,
    );
    expect(out.plan.windows.length).toBeGreaterThan(4); // the overlaps are really exercised
    expect(out.pixels.width).toBe(324);
    expect(largestStep(out.pixels).step).toBeLessThanOrEqual(3);
    // And flat in absolute terms: the new area is the prompt's yellow, not a darker band.
    for (let i = 0; i < out.pixels.width * out.pixels.height; i++) expect(out.pixels.data[i * 3]!).toBeGreaterThan(245);
  });
});
