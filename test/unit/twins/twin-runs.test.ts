// Runs in: test tooling. A cost twin loads like a downloaded pack: the MobileSAM and SAM 2.1 tiny twins at 1/8
// of their channels (about 20 MB each, decoders at full size) are written as installed packs, opened by the
// engine's session pool and contract check, and a click on a real image file runs the real adapters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLogits } from '../../../src-main/engine/segment/logits-codec';
import { LANDSCAPE } from '../../../src-main/standins/sam/scenes';
import { TWIN_PACKS } from '../../../src-main/twins/catalog';
import { writeTwinPack } from '../../../src-main/twins/write-twin';
import { segmentFixture, type SegmentFixture } from '../segment/fixture';

const PACKS = ['mobilesam', 'sam2.1-tiny'] as const;
let f: SegmentFixture;
beforeAll(async () => {
  f = await segmentFixture([]);
  for (const id of PACKS)
    await writeTwinPack(
      f.ctx.modelsDir,
      TWIN_PACKS.find((p) => p.packId === id)!,
      0.125,
    );
}, 60_000);
afterAll(() => f.cleanup());

describe.each(PACKS)('the %s cost twin', (packId) => {
  it('answers a click on a 1500×1000 photo through the segment service with finite candidates', async () => {
    const assetId = await f.open(LANDSCAPE, 'png');
    const r = await f.service.segment(f.ctx, { assetId, packId, points: [{ x: 500, y: 550, label: 1 }] });
    expect(r.packId).toBe(packId);
    expect(r.candidates.length).toBeGreaterThan(0);
    for (const c of r.candidates) expect(Number.isFinite(c.score)).toBe(true);
    const chosen = r.candidates[r.chosen]!;
    const logits = decodeLogits(chosen.logits!);
    expect(logits.length).toBe(256 * 256);
    const full = await f.service.segmentFullRes(f.ctx, { assetId, resultId: r.resultId, index: chosen.index });
    expect(full.mask.length).toBe(1500 * 1000);
  }, 60_000);
});
