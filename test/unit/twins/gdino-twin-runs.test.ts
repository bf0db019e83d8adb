// Runs in: test tooling. The Grounding DINO tiny twin at 1/8 of its channels (about 27 MB, the full
// 900 queries and 256 text slots) written as an installed pack: a text prompt on a real image file runs
// through the detect service (tokenizer, the export's 800×800 preprocessing, contract check, box
// post-processing). Its boxes mean nothing; they come back inside the image with finite scores.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detect } from '../../../src-main/engine/detect/detect';
import { openImage } from '../../../src-main/engine/images/open-image';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { TWIN_PACKS } from '../../../src-main/twins/catalog';
import { writeTwinPack } from '../../../src-main/twins/write-twin';
import { makeSession, type TestSession } from '../../helpers/images';
import { LANDSCAPE, scenePng } from '../detect/scenes';

let session: TestSession;
let dir: string;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });
beforeAll(async () => {
  session = await makeSession({ runtime: { sessionPool: pool, inferenceQueue: queue } });
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-gdino-twin-'));
  await writeTwinPack(
    dir,
    TWIN_PACKS.find((p) => p.packId === 'gdino-tiny')!,
    0.125,
  );
}, 60_000);
afterAll(async () => {
  await pool.releaseAll();
  await session.cleanup();
  await rm(dir, { recursive: true, force: true });
});

describe('the Grounding DINO tiny cost twin', () => {
  it('answers a text prompt on a 1200×800 photo through the detect service', async () => {
    const { asset } = await openImage(session.ctx.services.assets, await session.stage(await scenePng(LANDSCAPE)), 256);
    const r = await detect(
      { ...session.ctx, modelsDir: dir },
      { assetId: asset.id, text: 'red square . blue disc .', packId: 'gdino-tiny', boxThreshold: 0, textThreshold: 0 },
    );
    expect(r.packId).toBe('gdino-tiny');
    expect(r.detections.length).toBeGreaterThan(0);
    for (const d of r.detections) {
      expect(Number.isFinite(d.score)).toBe(true);
      expect(d.box.x0).toBeGreaterThanOrEqual(0);
      expect(d.box.x1).toBeLessThanOrEqual(LANDSCAPE.width);
      expect(d.box.y1).toBeLessThanOrEqual(LANDSCAPE.height);
    }
  }, 60_000);
});
