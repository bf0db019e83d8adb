// Runs in: test tooling. The MI-GAN cost twin at 1/4 of its channels, written as an installed migan-512
// pack: Remove's fill (`auto`) on a real photo picks it, the adapter crops, the twin resizes to 512² and
// back inside its graph, and the patch lands with every pixel beyond the feather byte-identical.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeFill } from '../../../src-main/engine/erase';
import { pastePatch } from '../../../src-main/engine/fill';
import { InferenceQueue } from '../../../src-main/engine/runtime/inference-queue';
import { SessionPool } from '../../../src-main/engine/runtime/session-pool';
import { TWIN_PACKS } from '../../../src-main/twins/catalog';
import { writeTwinPack } from '../../../src-main/twins/write-twin';
import { blobMask } from '../../helpers/fill-metrics';
import { SHARED_IMAGES } from '../../helpers/images';

const W = 1600,
  H = 1067;
let dir: string;
const queue = new InferenceQueue();
const pool = new SessionPool({ queue });
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'anyfill-migan-twin-'));
  await writeTwinPack(
    dir,
    TWIN_PACKS.find((p) => p.packId === 'migan-512')!,
    0.25,
  );
}, 60_000);
afterAll(async () => {
  await pool.releaseAll();
  await rm(dir, { recursive: true, force: true });
});

describe('the MI-GAN cost twin', () => {
  it('removes an object from a 1600×1067 photo through removeFill, changing nothing beyond the feather', async () => {
    const data = new Uint8Array(
      await sharp(path.join(SHARED_IMAGES, 'picture3.jpg')).resize(W, H, { fit: 'fill' }).removeAlpha().raw().toBuffer(),
    );
    const image = { data, width: W, height: H, channels: 3 as const };
    const mask = blobMask(W, H, 460, 850, 120);
    const { result, packId } = await removeFill({ image, mask, method: 'auto', seed: 1 }, { modelsDir: dir, pool, queue });
    expect(result.method).toBe('migan');
    expect(packId).toBe('migan-512');
    const out = pastePatch(image, result);
    let changedOutside = 0,
      changedInHole = 0;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = y * W + x,
          px = x - result.x,
          py = y - result.y;
        const inPatch = px >= 0 && py >= 0 && px < result.width && py < result.height && result.rgba[(py * result.width + px) * 4 + 3]! > 0;
        const same = [0, 1, 2].every((c) => out[i * 3 + c] === data[i * 3 + c]);
        if (!inPatch && !same) changedOutside++;
        if (mask[i] && !same) changedInHole++;
      }
    }
    expect(changedOutside).toBe(0);
    // The twin's random weights paint something other than the photo into the hole (the hole is ~45,000 px).
    expect(changedInHole).toBeGreaterThan(0.9 * mask.reduce((n, v) => n + (v ? 1 : 0), 0));
  }, 60_000);
});
