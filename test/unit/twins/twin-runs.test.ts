// Runs in: test tooling. A cost twin loads like a downloaded pack: the MobileSAM twin at 1/8 of its channels
// (about 20 MB, its decoder at full size) is written as an installed pack, opened by the engine's session
// pool and contract check, and a click on a real image file runs the real encoder and decoder adapters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLogits } from '../../../src-main/engine/segment/logits-codec';
import { LANDSCAPE } from '../../../src-main/standins/sam/scenes';
import { TWIN_PACKS } from '../../../src-main/twins/catalog';
import { writeTwinPack } from '../../../src-main/twins/write-twin';
import { segmentFixture, type SegmentFixture } from '../segment/fixture';

let f: SegmentFixture;
beforeAll(async () => {
  f = await segmentFixture([]);
  await writeTwinPack(f.ctx.modelsDir, TWIN_PACKS.find((p) => p.packId === 'mobilesam')!, 0.125);
}, 60_000);
afterAll(() => f.cleanup());

describe('the MobileSAM cost twin', () => {
  it('answers a click on a 1500×1000 photo through the segment service with finite candidates', async () => {
    const assetId = await f.open(LANDSCAPE, 'png');
    const r = await f.service.segment(f.ctx, { assetId, packId: 'mobilesam', points: [{ x: 500, y: 550, label: 1 }] });
    expect(r.packId).toBe('mobilesam');
    expect(r.candidates.length).toBeGreaterThan(0);
    for (const c of r.candidates) expect(Number.isFinite(c.score)).toBe(true);
    const chosen = r.candidates[r.chosen]!;
    const logits = decodeLogits(chosen.logits!);
    expect(logits.length).toBe(256 * 256);
    const full = await f.service.segmentFullRes(f.ctx, { assetId, resultId: r.resultId, index: chosen.index });
    expect(full.mask.length).toBe(1500 * 1000);
  }, 60_000);
});
